package io.phaseflow.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.definition.Definition;
import io.phaseflow.engine.definition.HandlerReference;
import io.phaseflow.engine.definition.PhaseDefinition;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisNamespace;
import io.phaseflow.engine.redis.RedisStateStore;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.NamespacedBus;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.protocol.Queues;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-workflow costs of a W1-like workload (phase a with F no-op jobs, phase b with F, a final
 * phase with 1) on whatever Redis and RabbitMQ it is given, per node and process: CPU time, which
 * two busy cores shared with other work stretch far less than wall-clock rates. Three steps under a
 * fresh namespace: a warm-up, not counted; N workflows at most M at once with the handlers running
 * (CPU, messages, Redis bytes left per finished workflow); then, with the handlers stopped, P
 * workflows started and left in phase a with their jobs queued (Redis bytes per running workflow,
 * broker bytes per queued job). Everything is deleted afterwards.
 */
public final class CostBenchmark {
  /** What to run. */
  public record Settings(
      String label,
      int fanout,
      int workflows,
      int inFlight,
      int warmup,
      int pending,
      int handlerInstances,
      int engineConcurrency,
      List<String> rabbitNodes,
      int rawMessages) {}

  private static final int SHARDS = 64; // RedisLayout.DEFAULT_SHARDS: every namespace has 64

  private final RedisConnector redis;
  private final AmqpSettings amqp;
  private final String redisUrl;
  private final String amqpUrl;

  /**
   * @param redisUrl and {@code amqpUrl}: passed to the handler process (never printed)
   */
  public CostBenchmark(RedisConnector redis, AmqpSettings amqp, String redisUrl, String amqpUrl) {
    this.redis = redis;
    this.amqp = amqp;
    this.redisUrl = redisUrl;
    this.amqpUrl = amqpUrl;
  }

  /**
   * Runs the three steps; returns what they measured as a record line for {@code bench capacity}.
   */
  public String run(Settings s, CostPrinter out) throws Exception {
    String namespace = "pfcost" + Long.toString(System.nanoTime() % 1_000_000, 36);
    out.header(s, redis.settings().redacted(), amqp.redacted(), namespace);
    String handlerQueue = Queues.handler("Noop", 1);
    try (RedisNodes redisNodes = new RedisNodes(redis.settings(), SHARDS);
        RabbitBus rabbit = RabbitBus.connect(amqp.withConnectionName("phaseflow-bench-costs"));
        StateStore store = RedisStateStore.connect(redis, namespace, Duration.ofHours(1))) {
      RabbitNodes rabbitNodes = new RabbitNodes(s.rabbitNodes());
      NamespacedBus bus = new NamespacedBus(rabbit, namespace);
      WorkloadDriver driver = new WorkloadDriver(s.inFlight());
      Engine engine =
          Engine.builder()
              .store(store)
              .bus(bus)
              .concurrency(s.engineConcurrency())
              .listener(driver)
              .build();
      Definition workload = definition(s.fanout());
      String name = workload.name();
      engine.plans().add(CompiledDefinition.compile(workload));
      engine.start();
      try {
        List<RedisNodes.Sample> r0;
        List<RabbitNodes.Sample> q0;
        long[] c0;
        long[] c1;
        List<RedisNodes.Sample> r1;
        List<RabbitNodes.Sample> q1;
        long e0;
        long e1;
        long h0;
        long h1;
        double seconds;
        try (PhaseflowProcess handlers = startHandlers(s, namespace)) {
          driver.run(engine, name, input(s.fanout()), s.warmup(), 8);
          Thread.sleep(3000); // background JIT compilation goes on for a while: let it finish
          r0 = redisNodes.sample();
          q0 = rabbitNodes.sample(false);
          c0 = rabbitNodes.cpuMicros();
          e0 = engineCpuMicros();
          h0 = RabbitNodes.cpuMicros(handlers.pid());
          seconds = driver.run(engine, name, input(s.fanout()), s.workflows(), 8);
          e1 = engineCpuMicros();
          h1 = RabbitNodes.cpuMicros(handlers.pid());
          c1 = rabbitNodes.cpuMicros();
          r1 = redisNodes.sample();
          q1 = rabbitNodes.sample(false);
        }
        out.measured(s, seconds, driver.failed());
        if (s.rawMessages() > 0) {
          // One queue alone (1 producer, 1 consumer): its rate, and the broker's CPU per message.
          long[] b0 = rabbitNodes.cpuMicros();
          double rate = RawBrokerRate.measure(rabbit, bus.name("bench.raw"), s.rawMessages());
          out.raw(rate, b0, rabbitNodes.cpuMicros(), rabbitNodes.names(), s.rawMessages());
        }

        List<RedisNodes.Sample> r2 = redisNodes.sample();
        List<RabbitNodes.Sample> q2 = rabbitNodes.sample(true);
        driver.startPending(engine, name, input(s.fanout()), s.pending());
        long queued = (long) s.pending() * s.fanout();
        awaitDepth(bus, handlerQueue, queued);
        Thread.sleep(1000); // the last scripts' writes and the broker's accounting settle
        List<RedisNodes.Sample> r3 = redisNodes.sample();
        List<RabbitNodes.Sample> q3 = rabbitNodes.sample(true);

        int n = s.workflows();
        List<RedisNodes.Node> nodes = redisNodes.nodes();
        double[] share = new double[nodes.size()];
        double[] redisCpu = new double[nodes.size()];
        double finished = 0;
        double running = 0;
        for (int i = 0; i < nodes.size(); i++) {
          share[i] = nodes.get(i).shardShare();
          redisCpu[i] = (r1.get(i).cpuMicros() - r0.get(i).cpuMicros()) / (double) n;
          if (nodes.get(i).master()) {
            finished += (r1.get(i).usedMemory() - r0.get(i).usedMemory()) / (double) n;
            running += (r3.get(i).usedMemory() - r2.get(i).usedMemory()) / (double) s.pending();
          }
        }
        double[] rabbitCpu = new double[q0.size()];
        double messages = 0;
        double queuedBytes = 0;
        for (int i = 0; i < q0.size(); i++) {
          rabbitCpu[i] = (c1[i] - c0[i]) / (double) n;
          messages += (q1.get(i).received() - q0.get(i).received()) / (double) n;
          queuedBytes += (q3.get(i).memory() - q2.get(i).memory()) / (double) queued;
        }
        CostRun run =
            new CostRun(
                s.label(),
                s.fanout(),
                n,
                s.inFlight(),
                nodes.stream().map(RedisNodes.Node::address).toList(),
                share,
                redisCpu,
                rabbitNodes.names(),
                rabbitCpu,
                messages,
                (e1 - e0) / (double) n,
                (h1 - h0) / (double) n,
                running,
                finished,
                queuedBytes);
        out.costs(run, nodes);
        return run.toLine();
      } finally {
        engine.close();
        RedisNamespace.deleteNamespace(redis, namespace);
        rabbit.deleteNamespace(namespace, List.of(handlerQueue, "bench.raw"));
      }
    }
  }

  private PhaseflowProcess startHandlers(Settings s, String namespace) throws Exception {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "handlers",
            "--queue",
            "Noop",
            "--instances",
            Integer.toString(s.handlerInstances()),
            "--prefetch",
            "100",
            "--namespace",
            namespace,
            "--redis",
            redisUrl,
            "--amqp",
            amqpUrl));
    if (amqp.quorumQueues()) {
      args.add("--quorum");
    }
    return PhaseflowProcess.start(args, "instance(s) of Noop");
  }

  private static void awaitDepth(NamespacedBus bus, String queue, long expected)
      throws InterruptedException {
    long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (bus.depth(queue).orElse(0) < expected) {
      if (System.nanoTime() > until) {
        throw new IllegalStateException(
            "only " + bus.depth(queue).orElse(0) + " of " + expected + " jobs queued after 2 min");
      }
      Thread.sleep(200);
    }
  }

  /** CPU of this process: the engine, the starters and the measuring itself (a small part). */
  private static long engineCpuMicros() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1000;
  }

  static ObjectNode input(int fanout) {
    ObjectNode input = JsonNodeFactory.instance.objectNode();
    ArrayNode items = input.putArray("items");
    for (int i = 0; i < fanout; i++) {
      items.add(i);
    }
    return input;
  }

  /** W1 with fan-out F: a (F jobs) → b (F jobs) → c (1 job, final). */
  static Definition definition(int fanout) {
    HandlerReference each =
        new HandlerReference("Noop", 1, "/data/items", HandlerReference.DEFAULT_MAX_ATTEMPTS);
    Map<String, PhaseDefinition> phases = new LinkedHashMap<>();
    phases.put("a", new PhaseDefinition("a", true, false, "b", null, List.of(each)));
    phases.put("b", new PhaseDefinition("b", false, false, "c", null, List.of(each)));
    phases.put(
        "c",
        new PhaseDefinition("c", false, true, null, null, List.of(HandlerReference.named("Noop"))));
    return new Definition(
        "w1f" + fanout,
        1,
        "bench costs",
        JsonNodeFactory.instance.objectNode(),
        Definition.Kind.PHASES,
        phases,
        List.of());
  }
}
