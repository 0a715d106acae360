package io.phaseflow.cli;

import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.core.DirectResults;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.HandlerRunner;
import io.phaseflow.handlers.protocol.BusJobSource;
import io.phaseflow.handlers.protocol.JobResults;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Queues;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code phaseflow handlers --queue NAME}: handler instances on their queues, until stopped. */
@Command(
    name = "handlers",
    description = {
      "Deploy handler instances on their RabbitMQ queues.",
      "SIGTERM stops taking jobs, finishes (or returns) the ones in hand, then exits; a job of a"
          + " handler with heartbeat_timeout gets up to 30 s, then is left to the engine's retry."
    })
final class HandlersCommand implements Callable<Integer> {
  @Mixin ServerOptions servers;

  @Option(
      names = "--queue",
      required = true,
      split = ",",
      paramLabel = "NAME",
      description = "handler name (Name or Name:version), its queue name, or 'all'")
  List<String> queues;

  @Option(names = "--instances", defaultValue = "4", description = "instances per queue")
  int instances;

  @Option(names = "--jar", description = "jars with handlers (META-INF/services)")
  List<Path> jars;

  /** Jobs of milliseconds to seconds: enough to keep an instance busy, few to wait behind one. */
  static final int DEFAULT_PREFETCH = 10;

  @Option(
      names = "--prefetch",
      paramLabel = "N",
      defaultValue = "" + DEFAULT_PREFETCH,
      description = {
        "jobs each instance takes from the broker ahead of the one it works on (1 to 65535,",
        "default: ${DEFAULT-VALUE}); they wait behind it, so use 1 for jobs of minutes"
      })
  int prefetch;

  @Option(
      names = "--direct",
      description = {
        "record each successful job's result in Redis from this process, as the engine would:",
        "one broker message per job instead of two; failures, oversize outputs and results that",
        "ready other jobs still go to the engine as messages (README: Direct results)"
      })
  boolean direct;

  @Mixin OutputLimitOption outputLimit;

  @Mixin WaitOptions waiting;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    HandlerRegistry registry = HandlerLoader.load(jars);
    List<Handler> chosen = choose(registry);
    if (prefetch < 1 || prefetch > 65535) {
      throw new RejectedInput("--prefetch must be from 1 to 65535, not " + prefetch);
    }
    Cluster cluster = Cluster.waiting(servers, "handlers").prefetch(prefetch);
    ServerWait wait =
        new ServerWait(waiting.backoff(), "handlers", cluster, spec.commandLine().getErr());
    MessageBus bus = wait.until(cluster::bus);
    JobResults results =
        direct
            ? new DirectResults(wait.until(cluster::store), bus, outputLimit.bytes())
            : JobResults.publishing(bus);
    HandlerRunner runner = new HandlerRunner(new BusJobSource(bus, Clock.systemUTC(), results));
    List<HandlerRunner.Deployment> deployments = new ArrayList<>();
    for (Handler h : chosen) {
      deployments.add(wait.until(() -> runner.deploy(h, instances)));
      out.printf(
          "%d instance(s) of %s v%d on %s (prefetch %d%s)%n",
          instances,
          h.name(),
          h.version(),
          cluster.brokerQueue(Queues.handler(h.name(), h.version())),
          prefetch,
          direct ? ", direct results" : "");
    }
    out.flush();
    HandlerHeartbeat heartbeat =
        new HandlerHeartbeat(cluster::handlerDirectory, chosen, instances, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  heartbeat.close();
                  deployments.forEach(HandlerRunner.Deployment::close);
                  cluster.close();
                  stopped.countDown();
                },
                "phaseflow-handlers-shutdown"));
    stopped.await();
    return 0;
  }

  private List<Handler> choose(HandlerRegistry registry) {
    List<Handler> chosen = new ArrayList<>();
    for (String q : queues) {
      if (q.equals("all")) {
        chosen.addAll(registry.all());
        continue;
      }
      chosen.add(find(registry, q));
    }
    return chosen;
  }

  private static Handler find(HandlerRegistry registry, String q) {
    String name = q;
    int version = 1;
    if (q.startsWith("phaseflow.handler.") && q.matches(".*\\.v\\d+$")) {
      name = q.substring("phaseflow.handler.".length(), q.lastIndexOf(".v"));
      version = Integer.parseInt(q.substring(q.lastIndexOf(".v") + 2));
    } else if (q.contains(":")) {
      name = q.substring(0, q.indexOf(':'));
      version = Integer.parseInt(q.substring(q.indexOf(':') + 1));
    }
    String wanted = name;
    int v = version;
    return registry
        .find(name, version)
        .orElseThrow(
            () ->
                new RejectedInput(
                    "--queue "
                        + q
                        + ": no handler "
                        + wanted
                        + " v"
                        + v
                        + " here; known: "
                        + registry.all().stream().map(h -> h.name() + ":" + h.version()).toList()
                        + " (add yours with --jar)"));
  }
}
