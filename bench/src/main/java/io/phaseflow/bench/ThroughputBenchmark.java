package io.phaseflow.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.definition.Definition;
import io.phaseflow.engine.definition.HandlerReference;
import io.phaseflow.engine.definition.PhaseDefinition;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisNamespace;
import io.phaseflow.engine.redis.RedisStateStore;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.NamespacedBus;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.protocol.Queues;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
      int workflows,
      int handlerInstances,
      int engineConcurrency,
      int starters,
      int inFlight,
      int warmup,
      int rawMessages,
      boolean direct) {}

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

  /** The handler process's arguments, with {@code --direct} when the results go direct. */
  private static List<String> handlerArgs(Settings s, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    if (s.direct()) {
      all.add("--direct");
    }
    return all;
  }

  public void run(Settings s, PrintWriter out) throws Exception {
    String namespace = "pfbench" + Long.toString(System.nanoTime() % 1_000_000, 36);
    out.printf(
        "phaseflow bench throughput: W1 x %,d workflows (10 + 10 + 1 no-op jobs each)%n",
        s.workflows());
    out.printf(
        "Redis %s, RabbitMQ %s, namespace %s; results %s%n",
        redis.settings().redacted(),
        amqp.redacted(),
        namespace,
        s.direct()
            ? "direct (handlers record successes in Redis: handlers --direct)"
            : "as messages (JobFinished to the engine)");
    out.flush();
    try (RabbitBus rabbit = RabbitBus.connect(amqp.withConnectionName("phaseflow-bench"));
        PhaseflowProcess handlers =
            PhaseflowProcess.start(
                handlerArgs(
                    s,
                    "handlers",
                    "--queue",
                    "Noop",
                    "--instances",
                    Integer.toString(s.handlerInstances()),
                    // Noop jobs take microseconds and never hang: the broker-wide prefetch, so the
                    // figures measure the engine, as before handlers had their own default of 10.
                    "--prefetch",
                    "100",
                    "--namespace",
                    namespace,
                    "--redis",
                    redisUrl,
                    "--amqp",
                    amqpUrl),
                "instance(s) of Noop");
        StateStore store = RedisStateStore.connect(redis, namespace, Duration.ofHours(1))) {
      NamespacedBus bus = new NamespacedBus(rabbit, namespace);
      Finishes finishes = new Finishes(s.inFlight());
      Engine engine =
          Engine.builder()
              .store(store)
              .bus(bus)
              .concurrency(s.engineConcurrency())
              .listener(finishes)
              .build();
      engine.plans().add(CompiledDefinition.compile(w1()));
      engine.start();
      try {
        // Warm-up, not counted: both JVMs compile their hot paths and the broker's queues exist,
        // so what is measured is the steady state, for W1 and for the raw rate alike.
        if (s.warmup() > 0) {
          runW1(engine, s, s.warmup(), finishes);
          RawBrokerRate.measure(rabbit, bus.name("bench.raw"), s.rawMessages() / 4);
          Thread.sleep(3000); // background JIT compilation goes on for a while: let it finish
          out.printf(
              "warm-up             %,d workflows and %,d raw messages, not counted%n",
              s.warmup(), s.rawMessages() / 4);
        }
        // The broker's rate varies from run to run: measure it before and after W1, use the mean.
        long[] c0 = ProcessCpu.sample(handlers.pid());
        double rawBefore = RawBrokerRate.measure(rabbit, bus.name("bench.raw"), s.rawMessages());
        long[] c1 = ProcessCpu.sample(handlers.pid());
        Result r = runW1(engine, s, s.workflows(), finishes);
        long[] c2 = ProcessCpu.sample(handlers.pid());
        double rawAfter = RawBrokerRate.measure(rabbit, bus.name("bench.raw"), s.rawMessages());
        double raw = (rawBefore + rawAfter) / 2;
        List<Long> latencies = latencies(store, r.ids());
        long jobs = 21L * s.workflows();
        double jobsPerSecond = jobs / r.seconds();
        Percentiles p = new Percentiles(latencies.stream().mapToLong(Long::longValue).toArray());
        out.printf(
            "raw broker rate     %,.0f msgs/s (before W1 %,.0f, after %,.0f; %,d durable messages"
                + " each: persistent, confirmed, acked; 1 producer, 1 consumer)%n",
            raw, rawBefore, rawAfter, s.rawMessages());
        out.printf(
            "completed           %,d workflows, %,d jobs in %.2f s (%d failed; at most %d in"
                + " flight)%n",
            s.workflows(), jobs, r.seconds(), r.failed(), s.inFlight());
        out.printf("jobs/s              %,.0f%n", jobsPerSecond);
        out.printf("workflows/s         %,.1f%n", s.workflows() / r.seconds());
        out.printf(
            "phase transition    p50 %d ms, p99 %d ms, max %d ms (%,d transitions: last job of a"
                + " phase done -> next phase's jobs published)%n",
            p.at(50), p.at(99), p.at(100), p.size());
        out.printf(
            "cpu per job         %s (W1); raw run: %s per message%n",
            ProcessCpu.perUnit(c1, c2, jobs), ProcessCpu.perUnit(c0, c1, s.rawMessages()));
        out.printf(
            "ratio               %.2f  = jobs/s / (raw msgs/s / 2): 1.0 is two raw messages' worth"
                + " per job (%.2f against the faster raw run alone)%n",
            jobsPerSecond / (raw / 2), jobsPerSecond / (Math.max(rawBefore, rawAfter) / 2));
        out.flush();
      } finally {
        engine.close();
        RedisNamespace.deleteNamespace(redis, namespace);
        rabbit.deleteNamespace(namespace, List.of(Queues.handler("Noop", 1), "bench.raw"));
      }
    }
  }

  private record Result(List<String> ids, double seconds, int failed) {}

  /**
   * Counts finished workflows and keeps at most N in flight, so queues stay short and the latency
   * measured is the engine's, not the length of a backlog. Thread-safe.
   */
  private static final class Finishes implements WorkflowListener {
    final Semaphore slots;
    final AtomicInteger failed = new AtomicInteger();
    volatile CountDownLatch done;

    Finishes(int inFlight) {
      this.slots = new Semaphore(inFlight);
    }

    @Override
    public void finished(WorkflowRecord workflow) {
      if (workflow.status() != WorkflowStatus.SUCCEEDED) {
        failed.incrementAndGet();
      }
      slots.release();
      done.countDown();
    }
  }

  private static Result runW1(Engine engine, Settings s, int workflows, Finishes finishes)
      throws Exception {
    ObjectNode input = JsonNodeFactory.instance.objectNode();
    ArrayNode items = input.putArray("items");
    for (int i = 0; i < 10; i++) {
      items.add(i);
    }
    finishes.done = new CountDownLatch(workflows);
    finishes.failed.set(0);
    AtomicInteger toStart = new AtomicInteger(workflows);
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(s.starters());
    long start = System.nanoTime();
    List<Future<?>> starters = new ArrayList<>();
    for (int t = 0; t < s.starters(); t++) {
      starters.add(
          pool.submit(
              () -> {
                while (toStart.getAndDecrement() > 0) {
                  finishes.slots.acquire();
                  ids.add(engine.startWorkflow("w1", input));
                }
                return null;
              }));
    }
    for (Future<?> f : starters) {
      f.get();
    }
    pool.shutdown();
    if (!finishes.done.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException(
          finishes.done.getCount() + " workflows still running after 10 min");
    }
    return new Result(List.copyOf(ids), (System.nanoTime() - start) / 1e9, finishes.failed.get());
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
