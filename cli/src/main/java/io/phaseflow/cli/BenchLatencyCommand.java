package io.phaseflow.cli;

import io.phaseflow.bench.LatencyBenchmark;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisSettings;
import io.phaseflow.engine.transport.AmqpSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code phaseflow bench latency}: W1's phase-transition latency, open loop. */
@Command(
    name = "latency",
    description = {
      "Measure W1's phase-transition latency open-loop at half the maximum rate.",
      "A short closed-loop run measures the maximum rate (or give --rate); then workflows start",
      "on a fixed schedule at half of it, and p50, p90, p99 and max are printed, from a phase's",
      "last job finishing to the next phase's jobs being published. Handlers run in a separate",
      "process."
    })
final class BenchLatencyCommand implements Callable<Integer> {
  @Option(
      names = "--rate",
      defaultValue = "0",
      paramLabel = "N",
      description = "workflows started a second; 0 (the default): half the measured maximum")
  double rate;

  @Option(
      names = "--warmup",
      defaultValue = "2000",
      description =
          "workflows run closed-loop first and not counted: the JVMs reach their steady state")
  int warmup;

  @Option(names = "--seconds", defaultValue = "20", description = "how long the measured run lasts")
  int seconds;

  @Option(
      names = "--warmup-seconds",
      defaultValue = "5",
      description = "open loop at the same rate first, not counted")
  int warmupSeconds;

  @Option(
      names = "--probe-workflows",
      defaultValue = "3000",
      description = "workflows of the closed-loop run that measures the maximum rate")
  int probeWorkflows;

  @CommandLine.Mixin BenchProcessOptions processes;

  @Option(names = "--starters", defaultValue = "8", description = "threads starting workflows")
  int starters;

  @Option(
      names = "--in-flight",
      defaultValue = "200",
      description = "workflows running at once in the closed-loop run")
  int inFlight;

  @CommandLine.Mixin ResultsOption results;

  @CommandLine.Mixin ServerOptions servers;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    // The handler process gets the URLs themselves: the same choice as the settings make.
    String redisUrl = servers.redisUrl();
    String amqpUrl = servers.amqpUrl();
    try (RedisConnector connector = new RedisConnector(RedisSettings.parse(redisUrl))) {
      new LatencyBenchmark(connector, AmqpSettings.parse(amqpUrl), redisUrl, amqpUrl)
          .run(
              new LatencyBenchmark.Settings(
                  rate,
                  warmup,
                  seconds,
                  warmupSeconds,
                  probeWorkflows,
                  processes.instances,
                  processes.concurrency,
                  starters,
                  inFlight,
                  results.direct()),
              spec.commandLine().getOut());
    }
    return 0;
  }
}
