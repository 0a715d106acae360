package io.phaseflow.engine.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.definition.Definition;
import io.phaseflow.engine.definition.HandlerReference;
import io.phaseflow.engine.definition.PhaseDefinition;
import io.phaseflow.engine.plan.Compiler;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisStateStore;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.NamespacedBus;
import io.phaseflow.engine.transport.RabbitBus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Workload W1 on real Redis and RabbitMQ: N workflows, each phase A fanning out 10 no-op jobs, then
 * phase B with 10, then a final phase with 1; handlers in a separate process. In the same run it
 * measures the raw broker rate, so the ratio jobs/s ÷ (raw msgs/s ÷ 2) compares like with like (a
 * job needs at least two messages: the job and its JobFinished). Everything runs under a fresh
 * namespace and is deleted afterwards.
 */
public final class ThroughputBenchmark {
  /** What to run. */
  public record Settings(
      int workflows, int handlerInstances, int engineConcurrency, int starters, int rawMessages) {}

  private final RedisConnector redis;
  private final AmqpSettings amqp;
  private final String redisUrl;
  private final String amqpUrl;

  /**
   * @param redisUrl and {@code amqpUrl}: passed to the handler process (never printed)
   */
  public ThroughputBenchmark(
      RedisConnector redis, AmqpSettings amqp, String redisUrl, String amqpUrl) {
    this.redis = redis;
    this.amqp = amqp;
    this.redisUrl = redisUrl;
    this.amqpUrl = amqpUrl;
  }

  public void run(Settings s, PrintWriter out) throws Exception {
    String namespace = "pfbench" + Long.toString(System.nanoTime() % 1_000_000, 36);
    out.printf(
        "phaseflow bench throughput: W1 x %,d workflows (10 + 10 + 1 no-op jobs each)%n",
        s.workflows());
    out.printf(
        "Redis %s, RabbitMQ %s, namespace %s%n",
        redis.settings().redacted(), amqp.redacted(), namespace);
    out.flush();
    try (RabbitBus rabbit = RabbitBus.connect(amqp.withConnectionName("phaseflow-bench"));
        HandlerProcess handlers =
            HandlerProcess.start(namespace, "Noop", s.handlerInstances(), redisUrl, amqpUrl);
        StateStore store = RedisStateStore.connect(redis, namespace, Duration.ofHours(1))) {
      NamespacedBus bus = new NamespacedBus(rabbit, namespace);
      double raw = RawBrokerRate.measure(rabbit, bus.name("bench.raw"), s.rawMessages());
      out.printf(
          "raw broker rate     %,.0f msgs/s (%,d durable messages: persistent, confirmed, acked; 1 producer, 1 consumer)%n",
          raw, s.rawMessages());
      out.flush();
      Engine engine =
          Engine.builder().store(store).bus(bus).concurrency(s.engineConcurrency()).build();
      engine.plans().add(new Compiler().compile(w1()));
      engine.start();
      try {
        Result r = runW1(engine, s);
        List<Long> latencies = latencies(store, r.ids());
        long jobs = 21L * s.workflows();
        double jobsPerSecond = jobs / r.seconds();
        Percentiles p = new Percentiles(latencies.stream().mapToLong(Long::longValue).toArray());
        out.printf(
            "completed           %,d workflows, %,d jobs in %.2f s (%d failed)%n",
            s.workflows(), jobs, r.seconds(), r.failed());
        out.printf("jobs/s              %,.0f%n", jobsPerSecond);
        out.printf("workflows/s         %,.1f%n", s.workflows() / r.seconds());
        out.printf(
            "phase transition    p50 %d ms, p99 %d ms, max %d ms (%,d transitions: last job of a phase done -> next phase's jobs published)%n",
            p.at(50), p.at(99), p.at(100), p.size());
        out.printf(
            "ratio               %.2f  = jobs/s / (raw msgs/s / 2); 1.0 is the ceiling, bar 0.5%n",
            jobsPerSecond / (raw / 2));
        out.flush();
      } finally {
        engine.close();
        BenchCleanup.deletePrefix(redis, namespace);
        BenchCleanup.deleteQueues(rabbit, namespace);
      }
    }
  }

  private record Result(List<String> ids, double seconds, int failed) {}

  private static Result runW1(Engine engine, Settings s) throws Exception {
    ObjectNode input = JsonNodeFactory.instance.objectNode();
    ArrayNode items = input.putArray("items");
    for (int i = 0; i < 10; i++) {
      items.add(i);
    }
    ExecutorService pool = Executors.newFixedThreadPool(s.starters());
    long start = System.nanoTime();
    List<Future<List<String>>> started = new ArrayList<>();
    for (int t = 0; t < s.starters(); t++) {
      int share = s.workflows() / s.starters() + (t < s.workflows() % s.starters() ? 1 : 0);
      started.add(
          pool.submit(
              () -> {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < share; i++) {
                  ids.add(engine.startWorkflow("w1", input));
                }
                return ids;
              }));
    }
    List<String> ids = new ArrayList<>();
    for (Future<List<String>> f : started) {
      ids.addAll(f.get());
    }
    pool.shutdown();
    int failed = 0;
    for (String id : ids) {
      if (engine.await(id, Duration.ofMinutes(10)).status()
          != io.phaseflow.engine.state.WorkflowStatus.SUCCEEDED) {
        failed++;
      }
    }
    return new Result(ids, (System.nanoTime() - start) / 1e9, failed);
  }

  /** Next entry opened minus previous entry closed (its last job's end), per transition. */
  private static List<Long> latencies(StateStore store, List<String> ids) {
    List<Long> out = new ArrayList<>();
    for (String id : ids) {
      EntryRecord previous = store.entry(id, 1).orElseThrow();
      for (int n = 2; n <= 3; n++) {
        EntryRecord next = store.entry(id, n).orElseThrow();
        out.add(Math.max(0, next.openedAt() - previous.closedAt()));
        previous = next;
      }
    }
    return out;
  }

  /** W1: a (10 jobs) → b (10 jobs) → c (1 job, final). */
  static Definition w1() {
    HandlerReference tenJobs =
        new HandlerReference("Noop", 1, "/data/items", HandlerReference.DEFAULT_MAX_ATTEMPTS);
    Map<String, PhaseDefinition> phases = new LinkedHashMap<>();
    phases.put("a", new PhaseDefinition("a", true, false, "b", null, List.of(tenJobs)));
    phases.put("b", new PhaseDefinition("b", false, false, "c", null, List.of(tenJobs)));
    phases.put(
        "c",
        new PhaseDefinition("c", false, true, null, null, List.of(HandlerReference.named("Noop"))));
    return new Definition(
        "w1",
        1,
        "bench",
        JsonNodeFactory.instance.objectNode(),
        Definition.Kind.PHASES,
        phases,
        List.of());
  }
}
