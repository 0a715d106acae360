package io.phaseflow.cli;

import io.phaseflow.bench.CostBenchmark;
import io.phaseflow.bench.CostPrinter;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisSettings;
import io.phaseflow.engine.transport.AmqpSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code phaseflow bench costs}: CPU and memory per job, per Redis and RabbitMQ node. */
@Command(
    name = "costs",
    description = {
      "Measure CPU and memory per job, per Redis and RabbitMQ node and process.",
      "CPU of each Redis node (INFO), each RabbitMQ node (/proc of its beam.smp), the engine and",
      "the handler process; Redis bytes per running and finished workflow, broker bytes per",
      "queued job. Workload: W1 with fan-out F (F + F + 1 no-op jobs).",
      "RabbitMQ nodes must run on this machine (rabbitmqctl, /proc). --record FILE appends the",
      "run as one line for `bench capacity`."
    })
final class BenchCostsCommand implements Callable<Integer> {
  @Option(names = "--label", defaultValue = "run", description = "names the run in the record")
  String label;

  @Option(names = "--fanout", defaultValue = "10", description = "jobs in phases a and b")
  int fanout;

  @Option(names = "--workflows", defaultValue = "2000", description = "measured workflows")
  int workflows;

  @Option(names = "--in-flight", defaultValue = "200", description = "workflows running at once")
  int inFlight;

  @Option(
      names = "--warmup",
      defaultValue = "40000",
      description = "jobs run first and not counted (default: ${DEFAULT-VALUE})")
  int warmupJobs;

  @Option(
      names = "--pending",
      defaultValue = "2000",
      description = "workflows left in phase a with handlers stopped, for bytes per workflow")
  int pending;

  @Option(names = "--instances", defaultValue = "8", description = "handler instances")
  int instances;

  @Option(names = "--concurrency", defaultValue = "4", description = "engine consumers per queue")
  int concurrency;

  @Option(
      names = "--rabbit-nodes",
      split = ",",
      description = {
        "RabbitMQ node names for rabbitmqctl -n (default: rabbit@localhost for port 5672, else",
        "pfPORT@localhost per node of --amqp, as scripts/rabbitmq-cluster names them)"
      })
  List<String> rabbitNodes;

  @Option(
      names = "--raw-messages",
      defaultValue = "0",
      description = "also time one queue alone with N messages (0: not)")
  int rawMessages;

  @Option(names = "--record", paramLabel = "FILE", description = "append the run's record line")
  Path record;

  @CommandLine.Mixin ServerOptions servers;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (fanout < 1 || workflows < 1 || inFlight < 1 || pending < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--fanout, --workflows, --in-flight and --pending must be at least 1");
    }
    String redisUrl = servers.redisUrl();
    String amqpUrl = servers.amqpUrl();
    AmqpSettings amqp = AmqpSettings.parse(amqpUrl).withQuorumQueues(servers.quorum);
    List<String> nodes = rabbitNodes != null ? rabbitNodes : nodeNames(amqp.nodes());
    int jobs = 2 * fanout + 1;
    CostBenchmark.Settings s =
        new CostBenchmark.Settings(
            label,
            fanout,
            workflows,
            inFlight,
            Math.max(1, warmupJobs / jobs),
            pending,
            instances,
            concurrency,
            nodes,
            rawMessages);
    try (RedisConnector connector = new RedisConnector(RedisSettings.parse(redisUrl))) {
      String line =
          new CostBenchmark(connector, amqp, redisUrl, amqpUrl)
              .run(s, new CostPrinter(spec.commandLine().getOut()));
      if (record != null) {
        Files.writeString(
            record,
            line + "\n",
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
    }
    return 0;
  }

  /** host:port per node → the names scripts/rabbitmq-cluster gives (the default node: 5672). */
  static List<String> nodeNames(List<String> hostPorts) {
    List<String> out = new ArrayList<>();
    for (String node : hostPorts) {
      String port = node.contains(":") ? node.substring(node.lastIndexOf(':') + 1) : "5672";
      out.add(port.equals("5672") ? "rabbit@localhost" : "pf" + port + "@localhost");
    }
    return out;
  }
}
