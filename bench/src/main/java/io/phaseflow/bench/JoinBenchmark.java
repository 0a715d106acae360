package io.phaseflow.bench;

import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.redis.RedisConnection;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisNamespace;
import io.phaseflow.engine.redis.RedisStateStore;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.NamespacedBus;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.protocol.Queues;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Wide joins on real Redis and RabbitMQ (issue 13): one workflow whose phase fans out N no-op jobs
 * through its handler's {@code jobs()}, then, in the same run, N/10 workflows of a 10-job join
 * (same jobs, same handler) with a bounded number in flight. Prints jobs/s, Redis bytes per job at
 * the peak and once ended, the engine's peak heap, and whether every job succeeded exactly once.
 * The engine runs here (it must call {@code jobs()}), the handlers in a separate process, so this
 * JVM's heap is the engine's. Everything runs under a namespace of its own (one that holds no keys)
 * and is deleted afterwards.
 */
public final class JoinBenchmark {
  /**
   * What to run.
   *
   * @param jobs the wide join's jobs; the comparison runs {@code jobs / 10} 10-job joins
   * @param warmupJobs jobs of 10-job joins run first and not counted; one 10-job workflow runs
   *     first even at 0
   * @param namespace the namespace to run under, which must hold no keys; null: a fresh one
   */
  public record Settings(
      int jobs,
      int handlerInstances,
      int engineConcurrency,
      int inFlight,
      int warmupJobs,
      String namespace,
      boolean direct) {
    public Settings {
      if (jobs < 10) {
        throw new RejectedInput(
            "--jobs must be at least 10 (the comparison runs jobs/10 10-job joins), not " + jobs);
      }
      if (handlerInstances < 1 || engineConcurrency < 1 || inFlight < 1 || warmupJobs < 0) {
        throw new RejectedInput(
            "--instances, --concurrency and --in-flight must be at least 1 and --warmup at least 0");
      }
    }
  }

  /** What one run measured: the wide join, then the 10-job joins. */
  public record Report(JoinFigures wide, JoinFigures small) {
    /** Whether both ran exactly: every job succeeded once, every workflow succeeded. */
    public boolean exact() {
      return wide.exact() && small.exact();
    }
  }

  /** The 10-job joins' size: the comparison the issue asks for. */
  static final int SMALL = 10;

  private final RedisConnector redis;
  private final AmqpSettings amqp;
  private final String redisUrl;
  private final String amqpUrl;
  private final HandlerRegistry handlers;
  private final List<Path> jars;

  /**
   * @param redisUrl and {@code amqpUrl}: passed to the handler process (never printed)
   * @param handlers the handlers this engine knows, which must hold {@value JoinWorkload#HANDLER}:
   *     the engine asks it for the jobs
   * @param jars handler jars the handlers were loaded from, if any: the handler process loads them
   *     too
   */
  public JoinBenchmark(
      RedisConnector redis,
      AmqpSettings amqp,
      String redisUrl,
      String amqpUrl,
      HandlerRegistry handlers,
      List<Path> jars) {
    if (handlers.find(JoinWorkload.HANDLER, 1).isEmpty()) {
      throw new RejectedInput(
          "the engine needs handler "
              + JoinWorkload.HANDLER
              + " v1 (in the samples, on phaseflow.jar's classpath) to ask it for the join's jobs;"
              + " it is missing: pass --jar with a jar that holds it");
    }
    this.redis = redis;
    this.amqp = amqp;
    this.redisUrl = redisUrl;
    this.amqpUrl = amqpUrl;
    this.handlers = handlers;
    this.jars = jars == null ? List.of() : List.copyOf(jars);
  }

  public Report run(Settings s, PrintWriter out) throws Exception {
    String namespace =
        s.namespace() != null
            ? s.namespace()
            : "pfjoin" + Long.toString(System.nanoTime() % 1_000_000, 36);
    refuseUsed(namespace);
    out.printf(
        "phaseflow bench join: 1 workflow fanning out %,d jobs, then %,d workflows of %d jobs%n",
        s.jobs(), s.jobs() / SMALL, SMALL);
    out.printf(
        "Redis %s, RabbitMQ %s, namespace %s; results %s%n",
        redis.settings().redacted(),
        amqp.redacted(),
        namespace,
        s.direct() ? "direct (handlers --direct)" : "as messages");
    out.flush();
    try {
      Report report = measure(s, namespace, out);
      for (String line :
          JoinFigures.table(report.wide(), report.small(), s.inFlight(), Heap.max())) {
        out.println(line);
      }
      problems(report, out);
      out.flush();
      return report;
    } finally {
      // After the handler process stopped, so nothing it writes outlives the run.
      RedisNamespace.deleteNamespace(redis, namespace);
    }
  }

  /** It deletes its namespace when done: one that holds keys already may be someone's data. */
  private void refuseUsed(String namespace) {
    boolean[] used = {false};
    try (RedisConnection c = redis.connect()) {
      c.scan(namespace + ":*", keys -> used[0] |= !keys.isEmpty());
    }
    if (used[0]) {
      throw new RejectedInput(
          "namespace "
              + namespace
              + " holds keys in "
              + redis.settings().redacted()
              + "; the benchmark deletes its namespace when done, so it needs an unused one: pick"
              + " another with --namespace, or leave it out for a fresh one");
    }
  }

  private Report measure(Settings s, String namespace, PrintWriter out) throws Exception {
    try (RabbitBus rabbit = RabbitBus.connect(amqp.withConnectionName("phaseflow-bench-join"))) {
      try (PhaseflowProcess handlerProcess = startHandlers(s, namespace);
          StateStore store = RedisStateStore.connect(redis, namespace, Duration.ofHours(1));
          RedisConnection probe = redis.connect()) {
        JoinRuns.Finishes finishes = new JoinRuns.Finishes();
        Engine engine =
            Engine.builder()
                .store(store)
                .bus(new NamespacedBus(rabbit, namespace))
                .handlers(handlers)
                .concurrency(s.engineConcurrency())
                .listener(finishes)
                .build();
        engine.plans().add(CompiledDefinition.compile(JoinWorkload.definition()));
        engine.start();
        try {
          JoinRuns runs = new JoinRuns(engine, store, probe, namespace, finishes);
          // At least one workflow, even with --warmup 0: the first run on a namespace also loads
          // the scripts and creates its fixed keys and queues, which no join should be charged.
          int warmup = Math.max(1, s.warmupJobs() / SMALL);
          JoinFigures warm = runs.run(SMALL, warmup, s.inFlight());
          if (!warm.exact()) {
            throw new IllegalStateException(
                "the warm-up's 10-job joins did not run exactly, so nothing was measured: "
                    + warm.problems());
          }
          out.printf(
              "warm-up             %,d workflow(s) of %d jobs, not counted%n", warmup, SMALL);
          out.flush();
          JoinFigures wide = runs.run(s.jobs(), 1, 1);
          JoinFigures small = runs.run(SMALL, s.jobs() / SMALL, s.inFlight());
          return new Report(wide, small);
        } finally {
          engine.close();
        }
      } finally {
        rabbit.deleteNamespace(namespace, List.of(Queues.handler(JoinWorkload.HANDLER, 1)));
      }
    }
  }

  private PhaseflowProcess startHandlers(Settings s, String namespace) throws Exception {
    List<String> args = new ArrayList<>(List.of("handlers"));
    for (Path jar : jars) {
      args.add("--jar");
      args.add(jar.toString());
    }
    args.addAll(
        List.of(
            "--queue",
            JoinWorkload.HANDLER,
            "--instances",
            Integer.toString(s.handlerInstances()),
            // No-op jobs take microseconds and never hang: as bench throughput does.
            "--prefetch",
            "100",
            "--namespace",
            namespace,
            "--redis",
            redisUrl,
            "--amqp",
            amqpUrl));
    if (s.direct()) {
      args.add("--direct");
    }
    return PhaseflowProcess.start(args, "instance(s) of " + JoinWorkload.HANDLER);
  }

  private static void problems(Report report, PrintWriter out) {
    List<String> all = new ArrayList<>(report.wide().problems());
    all.addAll(report.small().problems());
    if (!all.isEmpty()) {
      out.printf("NOT EXACT: %d problem(s), the first ones:%n", all.size());
      all.stream().limit(10).forEach(p -> out.println("  " + p));
    }
  }
}
