package io.phaseflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.core.StartedWorkflow;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.protocol.Priority;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code phaseflow start NAME}: start workflows on a running cluster. */
@Command(
    name = "start",
    description = {
      "Start workflows of a loaded definition on a running cluster and print their ids.",
      "--wait follows them to the end (exit 0 only if all succeeded)."
    })
final class StartCommand implements Callable<Integer> {
  private static final int STARTERS = 8;
  static final int MAX_COUNT = 1_000_000;

  @Mixin ServerOptions servers;

  @Parameters(paramLabel = "NAME", description = "definition name (its latest version runs)")
  String name;

  @Option(names = "--input", paramLabel = "JSON", description = "input; @path reads a file")
  String input;

  @Option(
      names = "--count",
      defaultValue = "1",
      description = "how many workflows to start (1 to 1000000); each id is printed once started")
  int count;

  @Option(
      names = "--key",
      paramLabel = "KEY",
      description = {
        "idempotency key (1 to 200 characters naming the business operation, e.g. order-1234):"
            + " a repeated key within the retention prints the existing workflow's id and starts"
            + " nothing; not with --count"
      })
  String key;

  @Option(
      names = "--priority",
      paramLabel = "LEVEL",
      defaultValue = "normal",
      description = {
        "high, normal or low (default: ${DEFAULT-VALUE}): every job of the workflows waits in its"
            + " handler's queue of that priority, and handlers take high jobs before normal and"
            + " normal before low"
      })
  String priority;

  @Option(names = "--wait", description = "follow the workflows until they end")
  boolean wait;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "10m",
      converter = DurationConverter.class,
      description =
          "with --wait: give up (exit 3) after this long, e.g. 30s, 2m, 1h (default: ${DEFAULT-VALUE})")
  Duration timeout;

  @Option(
      names = "--progress",
      paramLabel = "DURATION",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description =
          "with --wait and --count > 1: print to stderr this often how many succeeded, failed and"
              + " are still running (default: ${DEFAULT-VALUE})")
  Duration progress;

  @Option(
      names = "--json",
      description = {
        "with --wait: write one JSON line per workflow as it ends, {\"id\", \"status\", \"phase\",",
        "\"entry\", \"result\"}, and nothing else on stdout (ids and the summary go to stderr)"
      })
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (count < 1 || count > MAX_COUNT) {
      throw new RejectedInput("--count must be from 1 to " + MAX_COUNT + ", not " + count);
    }
    if (key != null && count != 1) {
      throw new RejectedInput(
          "--key names one workflow, so it cannot go with --count " + count + "; drop one of them");
    }
    if (json && !wait) {
      throw new RejectedInput("--json writes each workflow's result as it ends: add --wait");
    }
    Priority level = priority();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter ids = json ? spec.commandLine().getErr() : out; // stdout: JSON lines only
    JsonNode data = InputOption.parse(input);
    try (Cluster cluster = new Cluster(servers, "start")) {
      Engine engine = cluster.engine(new HandlerRegistry(), WorkflowListener.NONE, 1);
      engine.plans().latest(name); // an unknown name fails here, once, naming the loaded ones
      if (key != null) {
        return startKeyed(engine, cluster, data, level, ids, out);
      }
      long startedAt = System.nanoTime();
      // Ids stream out as their starts are confirmed, so a failure midway leaves no doubt about
      // what started; a long --wait prints a summary instead.
      boolean stream = count <= StartWaiter.RESULT_LINES || !wait;
      List<String> started = new ArrayList<>();
      StartBatch.Result result =
          StartBatch.run(
              count,
              STARTERS,
              () -> engine.startWorkflow(name, data, null, level).id(),
              id -> {
                started.add(id);
                if (stream) {
                  ids.println(id);
                  ids.flush();
                }
              });
      if (result.failure() != null) {
        if (!stream) {
          started.forEach(ids::println);
          ids.flush();
        }
        return failed(result, cluster);
      }
      if (!wait) {
        return 0;
      }
      StartWaiter waiter = waiter(cluster, engine, out);
      return count == 1 ? waiter.follow(started.get(0)) : waiter.all(started, startedAt);
    }
  }

  private Priority priority() {
    try {
      return Priority.parse(priority);
    } catch (IllegalArgumentException e) {
      throw new RejectedInput("--priority: " + e.getMessage());
    }
  }

  /** One start with {@code --key}: prints the id, and says so when it already existed. */
  private int startKeyed(
      Engine engine,
      Cluster cluster,
      JsonNode data,
      Priority level,
      PrintWriter ids,
      PrintWriter out)
      throws InterruptedException {
    StartedWorkflow started = engine.startWorkflow(name, data, key, level);
    ids.println(started.id());
    ids.flush();
    if (started.existed()) {
      PrintWriter err = spec.commandLine().getErr();
      err.printf(
          "phaseflow: workflow %s already exists for key '%s'; nothing started%n",
          started.id(), key);
      err.flush();
    }
    return wait ? waiter(cluster, engine, out).follow(started.id()) : 0;
  }

  /** After {@code result.started()} starts, one failed: exit 4 if a server's fault, saying so. */
  private int failed(StartBatch.Result result, Cluster cluster) {
    Throwable e = result.failure();
    var server = ServerFailure.of(e, cluster.redisWhere(), cluster.amqpWhere());
    if (server.isEmpty() && result.started() == 0) {
      throw e instanceof RuntimeException r ? r : new RejectedInput(e.toString(), e);
    }
    PrintWriter err = spec.commandLine().getErr();
    if (server.isPresent()) {
      err.printf(
          "phaseflow: started %d of %d before %s failed: %s%s%n",
          result.started(),
          count,
          server.get().server(),
          server.get().cause(),
          server.get().server().startsWith("RabbitMQ")
              ? " (" + result.failed() + " more went unconfirmed: they may have started too)"
              : "");
    } else {
      err.printf(
          "phaseflow: started %d of %d, then: %s%n", result.started(), count, e.getMessage());
    }
    err.flush();
    return server.isPresent() ? PhaseflowCommand.SERVER_UNAVAILABLE : PhaseflowCommand.BAD_INPUT;
  }

  private StartWaiter waiter(Cluster cluster, Engine engine, PrintWriter out) {
    return new StartWaiter(
        cluster, engine, name, timeout, progress, json, out, spec.commandLine().getErr());
  }
}
