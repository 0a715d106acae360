package io.phaseflow.cli;

import io.phaseflow.bench.ChaosRun;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code phaseflow bench chaos}: the chaos gate. */
@Command(
    name = "chaos",
    description = {
      "Run the chaos gate: kill processes and servers while workflows run, then check them.",
      "On a Redis and a RabbitMQ node of its own (spare loopback ports, temp directories),",
      "runs engine and handler processes and starts W1 workflows while it kills every process",
      "with SIGKILL every 3-5 s and each server at least once; then checks every workflow from",
      "Redis. Prints the figures; exits 1 on any violation. Needs redis-server,",
      "rabbitmq-server and root (the node runs as the rabbitmq user)."
    })
final class ChaosCommand implements Callable<Integer> {
  @Option(names = "--workflows", defaultValue = "300")
  int workflows;

  @Option(
      names = {"--seconds", "--duration"},
      paramLabel = "DURATION",
      defaultValue = "60",
      converter = DurationConverter.OrSeconds.class,
      description =
          "how long the chaos lasts (seconds, or e.g. 5m); the workflows start over its first"
              + " 80 %%")
  Duration duration;

  @Option(names = "--engines", defaultValue = "2", description = "engine processes")
  int engines;

  @Option(names = "--handlers", defaultValue = "2", description = "handler processes")
  int handlers;

  @Option(names = "--seed", description = "for the random kill times; default: random")
  Long seed;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "300",
      converter = DurationConverter.OrSeconds.class,
      description =
          "how long to wait, after the chaos, for every workflow to end (seconds, or e.g. 5m)")
  Duration timeout;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    int seconds = (int) Math.min(Integer.MAX_VALUE, duration.toSeconds());
    int timeoutSeconds = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toSeconds()));
    if (workflows < 1 || seconds < 10 || engines < 1 || handlers < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--workflows, --engines and --handlers must be at least 1, --seconds at least 10");
    }
    // The clients' reconnect warnings are expected here, by the hundred: the figures tell.
    System.setProperty("org.slf4j.simpleLogger.log.io.lettuce", "off");
    System.setProperty("org.slf4j.simpleLogger.log.com.rabbitmq", "off");
    long s = seed != null ? seed : System.nanoTime();
    int violations =
        new ChaosRun(
                new ChaosRun.Settings(workflows, seconds, engines, handlers, s, timeoutSeconds))
            .run(spec.commandLine().getOut());
    return violations == 0 ? 0 : PhaseflowCommand.WORKFLOW_FAILED;
  }
}
