package io.phaseflow.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.definition.Definition;
import io.phaseflow.engine.definition.HandlerReference;
import io.phaseflow.engine.definition.JobPolicy;
import io.phaseflow.engine.definition.PhaseDefinition;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisNamespace;
import io.phaseflow.engine.redis.RedisStateStore;
import io.phaseflow.engine.state.EntrySnapshot;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.NamespacedBus;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.protocol.Queues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Workload W1 on real Redis and RabbitMQ for a benchmark: under a fresh namespace, the engine in
 * this JVM (its job publishes timed by {@link PublishTimes}), Noop handlers in a separate {@code
 * phaseflow handlers} process. Each workflow: phase a fans out 10 no-op jobs, then b 10, then c 1.
 * Closing it deletes the namespace's keys and queues.
 */
final class W1Cluster implements AutoCloseable {
  static final String JOB_QUEUE = Queues.handler("Noop", 1);
  private static final ObjectNode INPUT = input();

  /**
   * How it runs: handler instances, engine consumers per queue, closed-loop slots, results, and the
   * {@code jobs_per_message} of the 10-job phases.
   */
  record Options(
      int handlerInstances,
      int engineConcurrency,
      int inFlight,
      boolean direct,
      int jobsPerMessage) {}

  /** A closed-loop run: the workflows started, the wall time until the last ended, failures. */
  record Closed(List<String> ids, double seconds, long failed) {}

  final String namespace;
  final RabbitBus rabbit;
  final NamespacedBus bus;
  final StateStore store;
  final Engine engine;
  final Finishes finishes;
  final PublishTimes published;
  private final PhaseflowProcess handlers;
  private final RedisConnector redis;
  private final List<String> otherQueues;
  private final AtomicLong started = new AtomicLong();

  private W1Cluster(
      String namespace,
      RedisConnector redis,
      RabbitBus rabbit,
      PhaseflowProcess handlers,
      StateStore store,
      Options o,
      List<String> otherQueues) {
    this.namespace = namespace;
    this.redis = redis;
    this.rabbit = rabbit;
    this.handlers = handlers;
    this.store = store;
    this.otherQueues = otherQueues;
    this.bus = new NamespacedBus(rabbit, namespace);
    this.published = new PublishTimes(bus, JOB_QUEUE);
    this.finishes = new Finishes(o.inFlight());
    this.engine =
        Engine.builder()
            .store(store)
            .bus(published)
            .concurrency(o.engineConcurrency())
            .listener(finishes)
            .build();
    engine.plans().add(CompiledDefinition.compile(definition(o.jobsPerMessage())));
    engine.start();
  }

  /**
   * Starts the handler process and the engine under a fresh namespace.
   *
   * @param redisUrl and {@code amqpUrl}: passed to the handler process (never printed)
   * @param otherQueues queues of the namespace the caller uses too, deleted on close
   */
  static W1Cluster start(
      RedisConnector redis,
      AmqpSettings amqp,
      String redisUrl,
      String amqpUrl,
      Options o,
      List<String> otherQueues)
      throws Exception {
    String namespace = "pfbench" + Long.toString(System.nanoTime() % 1_000_000, 36);
    RabbitBus rabbit = RabbitBus.connect(amqp.withConnectionName("phaseflow-bench"));
    PhaseflowProcess handlers = null;
    try {
      handlers = PhaseflowProcess.start(handlerArgs(o, namespace, redisUrl, amqpUrl), "of Noop");
      StateStore store = RedisStateStore.connect(redis, namespace, Duration.ofHours(1));
      return new W1Cluster(namespace, redis, rabbit, handlers, store, o, otherQueues);
    } catch (Exception | Error e) {
      if (handlers != null) {
        handlers.close();
      }
      rabbit.close();
      throw e;
    }
  }

  /** The handler process's arguments, with {@code --direct} when the results go direct. */
  private static List<String> handlerArgs(
      Options o, String namespace, String redisUrl, String amqpUrl) {
    List<String> all = new ArrayList<>();
    all.addAll(List.of("handlers", "--queue", "Noop"));
    all.addAll(List.of("--instances", Integer.toString(o.handlerInstances())));
    // Noop jobs take microseconds and never hang: the broker-wide prefetch, so the figures
    // measure the engine, as before handlers had their own default of 10.
    all.addAll(List.of("--prefetch", "100", "--namespace", namespace));
    all.addAll(List.of("--redis", redisUrl, "--amqp", amqpUrl));
    if (o.direct()) {
      all.add("--direct");
    }
    return all;
  }

  /** The handler process's pid, e.g. to read its CPU time. */
  long handlersPid() {
    return handlers.pid();
  }

  /** The line saying where it runs and how results travel (no passwords). */
  String describe(boolean direct) {
    return String.format(
        "Redis %s, RabbitMQ %s, namespace %s; results %s",
        redis.settings().redacted(),
        rabbit.settings().redacted(),
        namespace,
        direct
            ? "direct (handlers record successes in Redis: handlers --direct)"
            : "as messages (JobFinished to the engine)");
  }

  /** Starts one W1 workflow; returns its id once the bus accepted the start. */
  String startOne() {
    String id = engine.startWorkflow("w1", INPUT);
    started.incrementAndGet();
    return id;
  }

  /** Waits until every workflow started so far has finished. */
  void awaitAllFinished(int minutes) throws InterruptedException {
    finishes.awaitFinished(started.get(), minutes);
  }

  /** Runs N workflows with at most the in-flight limit running, from {@code starters} threads. */
  Closed runClosed(int workflows, int starters) throws Exception {
    long before = finishes.finished();
    long failedBefore = finishes.failed();
    AtomicInteger toStart = new AtomicInteger(workflows);
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(starters);
    long start = System.nanoTime();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < starters; t++) {
        running.add(
            pool.submit(
                () -> {
                  while (toStart.getAndDecrement() > 0) {
                    finishes.acquireSlot();
                    ids.add(startOne());
                  }
                  return null;
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    finishes.awaitFinished(before + workflows, 10);
    return new Closed(
        List.copyOf(ids), (System.nanoTime() - start) / 1e9, finishes.failed() - failedBefore);
  }

  /** Both transitions (a to b, b to c) of each workflow, read back from the store. */
  List<Transition> transitions(List<String> ids) {
    List<Transition> out = new ArrayList<>(2 * ids.size());
    for (String id : ids) {
      EntrySnapshot left = store.snapshot(id, 1).orElse(null);
      for (int n = 2; n <= 3 && left != null; n++) {
        EntrySnapshot next = store.snapshot(id, n).orElse(null); // none: it failed before
        if (next != null) {
          out.add(Transition.of(left.jobs(), left.entry(), next.entry(), published.of(id, n)));
        }
        left = next;
      }
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    try {
      engine.close();
      RedisNamespace.deleteNamespace(redis, namespace);
      List<String> queues = new ArrayList<>(List.of(JOB_QUEUE));
      queues.addAll(otherQueues);
      rabbit.deleteNamespace(namespace, queues);
    } finally {
      try {
        handlers.close();
      } finally {
        store.close();
        rabbit.close();
      }
    }
  }

  private static ObjectNode input() {
    ObjectNode input = JsonNodeFactory.instance.objectNode();
    ArrayNode items = input.putArray("items");
    for (int i = 0; i < 10; i++) {
      items.add(i);
    }
    return input;
  }

  /**
   * W1: a (10 jobs) → b (10 jobs) → c (1 job, final); the 10-job phases' jobs travel {@code
   * jobsPerMessage} to a message.
   */
  static Definition definition(int jobsPerMessage) {
    HandlerReference tenJobs =
        new HandlerReference(
            "Noop",
            1,
            "/data/items",
            HandlerReference.DEFAULT_MAX_ATTEMPTS,
            JobPolicy.DEFAULT.withJobsPerMessage(jobsPerMessage));
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
