package io.phaseflow.cli;

import io.phaseflow.cli.print.HistoryPrinter;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.http.HttpApi;
import io.phaseflow.engine.metrics.EngineMetrics;
import io.phaseflow.engine.metrics.PrometheusEngineMetrics;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.transport.DeadLetterQueues;
import io.phaseflow.handlers.HandlerRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code phaseflow engine}: the JobFinished monitor and the transition service, until stopped. */
@Command(
    name = "engine",
    description = {
      "Run an engine process that moves workflows on a cluster.",
      "It consumes job-finished and phase-finished, records transitions in Redis and fans out",
      "jobs, and fires the namespace's schedules (each tick once between all engines).",
      "Run as many as you like; stop with SIGTERM (Ctrl-C).",
      "--http PORT also serves the HTTP API and the dashboard."
    })
final class EngineCommand implements Callable<Integer> {
  @Mixin ServerOptions servers;

  @Option(names = "--concurrency", defaultValue = "8", description = "consumers per queue")
  int concurrency;

  @Option(names = "--jar", description = "jars with handlers that enumerate their own jobs")
  List<Path> jars;

  @Option(names = "--quiet", description = "do not print each transition")
  boolean quiet;

  @Option(
      names = "--watchdog-interval",
      paramLabel = "DURATION",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description =
          "how often to look for timed-out job attempts and retries whose backoff ended"
              + " (default: ${DEFAULT-VALUE})")
  Duration watchdogInterval;

  @Mixin OutputLimitOption outputLimit;

  @Mixin HttpOptions http;

  @Mixin WaitOptions waiting;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    Cluster cluster = Cluster.waiting(servers, "engine").maxOutputBytes(outputLimit.bytes());
    ServerWait wait =
        new ServerWait(waiting.backoff(), "engine", cluster, spec.commandLine().getErr());
    WorkflowListener listener = quiet ? WorkflowListener.NONE : new Printer(out);
    HandlerRegistry handlers = HandlerLoader.load(jars);
    wait.until(
        () -> {
          cluster.bus();
          cluster.store();
          cluster.plans();
        });
    // Metrics cost a little per job: only kept when someone can read them.
    PrometheusEngineMetrics metrics = http.enabled() ? Metrics.of(cluster, handlers) : null;
    Engine engine =
        cluster.engine(
            handlers,
            listener,
            concurrency,
            metrics == null ? EngineMetrics.NONE : metrics,
            watchdogInterval);
    // Consumers too: the broker may go away between connecting and subscribing.
    wait.until(
        () -> {
          try {
            engine.start();
          } catch (RuntimeException e) {
            engine.close(); // the queues subscribed so far, so that a retry starts afresh
            throw e;
          }
        });
    out.printf(
        "phaseflow engine consuming on %s (%d consumers per queue)%n",
        cluster.where(), concurrency);
    out.flush();
    HttpApi api =
        http.serve(
            cluster.store(),
            cluster.catalog(),
            engine::startWorkflow,
            engine.control()::apply,
            metrics == null ? () -> "" : metrics::scrape,
            DeadLetterQueues.of(cluster.bus()),
            new HandlerQueueReader(cluster)::readAll,
            cluster.schedules(),
            out);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (api != null) {
                    api.close();
                  }
                  engine.close(); // stop taking messages, finish the ones in hand
                  cluster.close();
                  stopped.countDown();
                },
                "phaseflow-engine-shutdown"));
    stopped.await();
    return 0;
  }

  /** One line per transition, with the workflow id. */
  private record Printer(PrintWriter out) implements WorkflowListener {
    @Override
    public void transitioned(WorkflowRecord wf, TransitionRecord t) {
      synchronized (out) {
        out.println(wf.id() + "  " + HistoryPrinter.line(t));
        out.flush();
      }
    }
  }
}
