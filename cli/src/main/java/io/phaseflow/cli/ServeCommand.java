package io.phaseflow.cli;

import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.http.HttpApi;
import io.phaseflow.engine.transport.DeadLetterQueues;
import io.phaseflow.handlers.HandlerRegistry;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code phaseflow serve}: the HTTP API and dashboard of a cluster, without an engine. */
@Command(
    name = "serve",
    description = {
      "Serve a cluster's HTTP API and dashboard without running an engine.",
      "Starts go to the durable start queue on RabbitMQ, where the cluster's engines take them;",
      "pause, resume, cancel and redrive are stored and published as the CLI commands do."
    })
final class ServeCommand implements Callable<Integer> {
  @Mixin ServerOptions servers;

  @Mixin HttpOptions http;

  @Mixin WaitOptions waiting;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    if (!http.enabled()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "serve needs --http PORT");
    }
    Cluster cluster = Cluster.waiting(servers, "serve");
    new ServerWait(waiting.backoff(), "serve", cluster, spec.commandLine().getErr())
        .until(
            () -> {
              cluster.bus();
              cluster.store();
              cluster.plans();
            });
    // Not started: it consumes nothing, it only checks and publishes starts (as phaseflow start).
    Engine engine = cluster.engine(new HandlerRegistry(), WorkflowListener.NONE, 1);
    HttpApi api =
        http.serve(
            cluster.store(),
            cluster.catalog(),
            engine::startWorkflow,
            engine.control()::apply,
            Metrics.of(cluster, new HandlerRegistry())::scrape,
            DeadLetterQueues.of(cluster.bus()),
            new HandlerQueueReader(cluster)::readAll,
            cluster.schedules(),
            spec.commandLine().getOut());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  api.close();
                  engine.close();
                  cluster.close();
                  stopped.countDown();
                },
                "phaseflow-serve-shutdown"));
    stopped.await();
    return 0;
  }
}
