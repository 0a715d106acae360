package io.phaseflow.cli;

import io.phaseflow.bench.BrokerMemory;
import io.phaseflow.bench.JoinBenchmark;
import io.phaseflow.bench.MemoryBenchmark;
import io.phaseflow.bench.ThroughputBenchmark;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisSettings;
import io.phaseflow.engine.transport.AmqpSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code phaseflow bench ...}: benchmarks that print figures. */
@Command(
    name = "bench",
    description = "Run benchmarks that print figures.",
    subcommands = {
      BenchCommand.Memory.class,
      BenchCommand.Throughput.class,
      BenchLatencyCommand.class,
      BenchCommand.Join.class,
      BenchValidateCommand.class,
      BenchCostsCommand.class,
      BenchCapacityCommand.class,
      ChaosCommand.class
    })
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "memory",
      description = {
        "Measure Redis memory per task and per workflow, and RabbitMQ memory per queued job.",
        "Starts N workflows of T pending tasks in an empty Redis database, prints used_memory",
        "before and after, then empties it. Then publishes --broker-jobs W1 job messages into a",
        "fresh handler queue nobody consumes and prints the broker's own memory report before",
        "and after (rabbitmqctl status: a broker on this machine), then deletes the queue."
      })
  static final class Memory implements Callable<Integer> {
    @Option(names = "--workflows", defaultValue = "100000")
    int workflows;

    @Option(names = "--tasks", defaultValue = "10", description = "tasks per workflow")
    int tasks;

    @Option(names = "--payload", defaultValue = "16", description = "payload bytes per task")
    int payload;

    @Option(names = "--threads", defaultValue = "8")
    int threads;

    @Option(names = "--redis", paramLabel = "URL", description = "default: $PHASEFLOW_REDIS_URL")
    String redis;

    @Option(names = "--db", defaultValue = "14", description = "an EMPTY database (it is flushed)")
    int db;

    @Option(names = "--amqp", paramLabel = "URL", description = "default: $PHASEFLOW_AMQP_URL")
    String amqp;

    @Option(
        names = "--broker-jobs",
        defaultValue = "100000",
        description = "job messages queued for the RabbitMQ figure; 0 to skip it")
    int brokerJobs;

    @Option(
        names = "--broker-quorum",
        description = "measure a quorum queue (as --quorum declares them) instead of a classic one")
    boolean brokerQuorum;

    @Option(
        names = "--broker-policy",
        paramLabel = "JSON",
        description = {
          "a policy applied to the measured queue, to compare variants:",
          "'{\"queue-version\":2}' or '{\"queue-mode\":\"lazy\"}' (default: none, as the engine runs)"
        })
    String brokerPolicy;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      RedisSettings settings = RedisSettings.fromEnvironment(redis).withDatabase(db);
      MemoryBenchmark.Settings s = new MemoryBenchmark.Settings(workflows, tasks, payload, threads);
      try (RedisConnector connector = new RedisConnector(settings)) {
        var out = spec.commandLine().getOut();
        out.printf("phaseflow bench memory on %s%n", settings.redacted());
        MemoryBenchmark bench = new MemoryBenchmark(connector::connect, settings.redacted());
        MemoryBenchmark.print(s, bench.run(s, out), out);
        if (brokerJobs > 0) {
          brokerFigure(out);
        }
      }
      return 0;
    }

    private void brokerFigure(java.io.PrintWriter out) throws Exception {
      AmqpSettings settings = AmqpSettings.fromEnvironment(amqp);
      StringBuilder whyNot = new StringBuilder();
      var broker = BrokerMemory.of(settings, whyNot);
      if (broker.isEmpty()) {
        out.printf("RabbitMQ per job    not measured: %s%n", whyNot);
        return;
      }
      var s = new BrokerMemory.Settings(brokerJobs, brokerQuorum, brokerPolicy);
      BrokerMemory.print(s, broker.get().run(s), out);
    }
  }

  @Command(
      name = "throughput",
      description = {
        "Measure workload W1's throughput on Redis and RabbitMQ.",
        "Handlers in a separate process; prints jobs/s, workflows/s, phase-transition latency,",
        "the raw broker rate measured in the same run, and their ratio."
      })
  static final class Throughput implements Callable<Integer> {
    @Option(names = "--workflows", defaultValue = "1000")
    int workflows;

    @CommandLine.Mixin BenchProcessOptions processes;

    @Option(names = "--starters", defaultValue = "8", description = "threads starting workflows")
    int starters;

    @Option(names = "--in-flight", defaultValue = "200", description = "workflows running at once")
    int inFlight;

    @Option(
        names = "--warmup",
        defaultValue = "4000",
        description = "workflows run first and not counted: the JVMs reach their steady state")
    int warmup;

    @Option(names = "--raw-messages", defaultValue = "20000")
    int rawMessages;

    @Option(
        names = "--jobs-per-message",
        defaultValue = "10",
        description =
            "jobs_per_message of W1's 10-job phases (1 to 100; 1 sends each job on its own)")
    int jobsPerMessage;

    @CommandLine.Mixin ResultsOption results;

    @CommandLine.Mixin ServerOptions servers;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (jobsPerMessage < 1 || jobsPerMessage > 100) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--jobs-per-message must be from 1 to 100, got " + jobsPerMessage);
      }
      // The handler process gets the URLs themselves: the same choice as the settings make.
      String redisUrl = servers.redisUrl();
      String amqpUrl = servers.amqpUrl();
      RedisSettings redis = RedisSettings.parse(redisUrl);
      AmqpSettings amqp = AmqpSettings.parse(amqpUrl);
      try (RedisConnector connector = new RedisConnector(redis)) {
        new ThroughputBenchmark(connector, amqp, redisUrl, amqpUrl)
            .run(
                new ThroughputBenchmark.Settings(
                    workflows,
                    processes.instances,
                    processes.concurrency,
                    starters,
                    inFlight,
                    warmup,
                    rawMessages,
                    results.direct(),
                    jobsPerMessage),
                spec.commandLine().getOut());
      }
      return 0;
    }
  }

  @Command(
      name = "join",
      description = {
        "Measure a wide join: one phase fanning out N jobs, against N/10 10-job joins.",
        "The phase's handler enumerates the jobs (NoopFanout's jobs()); handlers in a separate",
        "process. Prints jobs/s, Redis bytes per job at the peak and once ended, the engine's",
        "peak heap, and whether every job succeeded exactly once. Exit 1 when not exact."
      })
  static final class Join implements Callable<Integer> {
    @Option(names = "--jobs", defaultValue = "100000", description = "jobs of the wide join")
    int jobs;

    @CommandLine.Mixin BenchProcessOptions processes;

    @Option(
        names = "--in-flight",
        defaultValue = "200",
        description = "10-job workflows running at once")
    int inFlight;

    @Option(
        names = "--warmup",
        defaultValue = "20000",
        description =
            "jobs of 10-job joins run first and not counted: the JVMs reach their steady state")
    int warmup;

    @Option(
        names = "--jar",
        description =
            "jars with handlers (META-INF/services), if NoopFanout is not on the classpath")
    List<Path> jars;

    @CommandLine.Mixin ResultsOption results;

    @CommandLine.Mixin ServerOptions servers;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      String redisUrl = servers.redisUrl();
      String amqpUrl = servers.amqpUrl();
      JoinBenchmark.Settings settings =
          new JoinBenchmark.Settings(
              jobs,
              processes.instances,
              processes.concurrency,
              inFlight,
              warmup,
              servers.namespace,
              results.direct());
      try (RedisConnector connector = new RedisConnector(RedisSettings.parse(redisUrl))) {
        JoinBenchmark.Report report =
            new JoinBenchmark(
                    connector,
                    AmqpSettings.parse(amqpUrl),
                    redisUrl,
                    amqpUrl,
                    HandlerLoader.load(jars),
                    jars)
                .run(settings, spec.commandLine().getOut());
        return report.exact() ? 0 : 1;
      }
    }
  }
}
