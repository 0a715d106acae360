package io.phaseflow.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.handlers.HandlerRegistry;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code phaseflow start NAME}: start workflows on a running cluster. */
@Command(
    name = "start",
    description = {
      "Start workflows of a loaded definition on a running cluster and print their ids;",
      "--wait follows them to the end (exit 0 only if all succeeded)."
    })
final class StartCommand implements Callable<Integer> {
  private static final int STARTERS = 8;

  @Mixin ServerOptions servers;

  @Parameters(paramLabel = "NAME", description = "definition name (its latest version runs)")
  String name;

  @Option(names = "--input", paramLabel = "JSON", description = "input; @path reads a file")
  String input;

  @Option(names = "--count", defaultValue = "1", description = "how many workflows to start")
  int count;

  @Option(names = "--wait", description = "follow the workflows until they end")
  boolean wait;

  @Option(names = "--timeout", defaultValue = "PT10M", description = "with --wait; ISO-8601")
  Duration timeout;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    JsonNode data = InputOption.parse(input);
    try (Cluster cluster = new Cluster(servers, "start")) {
      Engine engine = cluster.engine(new HandlerRegistry(), WorkflowListener.NONE, 1);
      long started = System.nanoTime();
      List<String> ids = startAll(engine, data);
      if (count <= 20 || !wait) {
        ids.forEach(out::println);
      }
      out.flush();
      if (!wait) {
        return 0;
      }
      return count == 1
          ? follow(cluster.store(), ids.get(0), out)
          : awaitAll(engine, ids, started, out);
    }
  }

  /** Starts {@code count} workflows from a few threads: each start waits for its confirms. */
  private List<String> startAll(Engine engine, JsonNode data) throws Exception {
    if (count == 1) {
      return List.of(engine.startWorkflow(name, data));
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(count, STARTERS));
    try {
      List<Future<String>> started = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        started.add(pool.submit(() -> engine.startWorkflow(name, data)));
      }
      List<String> ids = new ArrayList<>();
      for (Future<String> f : started) {
        ids.add(f.get());
      }
      return ids;
    } finally {
      pool.shutdown();
    }
  }

  /** Prints one workflow's transitions as they are recorded, until it ends. */
  private int follow(StateStore store, String id, PrintWriter out) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int printed = 0;
    while (System.nanoTime() < deadline) {
      // Read the status before the history, so the last line is printed before "ended".
      WorkflowRecord wf = store.workflow(id).orElse(null);
      if (wf == null) { // no engine has taken the start yet
        Thread.sleep(100);
        continue;
      }
      List<TransitionRecord> history = store.history(id);
      for (; printed < history.size(); printed++) {
        out.println(HistoryPrinter.line(history.get(printed)));
      }
      out.flush();
      if (wf.status() != WorkflowStatus.RUNNING && printed == history.size()) {
        out.printf("workflow %s %s in phase '%s'%n", id, lower(wf.status()), wf.phase());
        return wf.status() == WorkflowStatus.SUCCEEDED ? 0 : PhaseflowCommand.WORKFLOW_FAILED;
      }
      Thread.sleep(100);
    }
    throw new PhaseflowException(
        "workflow "
            + id
            + (printed == 0 ? " not started" : " still running")
            + " after "
            + timeout
            + (printed == 0 ? "; is a phaseflow engine running on these servers?" : ""),
        true);
  }

  private int awaitAll(Engine engine, List<String> ids, long started, PrintWriter out) {
    int ok = 0;
    int failed = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    for (String id : ids) {
      Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
      if (engine.await(id, left).status() == WorkflowStatus.SUCCEEDED) {
        ok++;
      } else {
        failed++;
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf(
        "%d workflows of %s: %d succeeded, %d failed in %.1f s (%.0f workflows/s)%n",
        ids.size(), name, ok, failed, seconds, ids.size() / seconds);
    out.flush();
    return failed == 0 ? 0 : PhaseflowCommand.WORKFLOW_FAILED;
  }

  private static String lower(WorkflowStatus s) {
    return s.name().toLowerCase(java.util.Locale.ROOT);
  }
}
