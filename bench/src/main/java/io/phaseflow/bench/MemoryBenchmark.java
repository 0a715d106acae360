package io.phaseflow.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.StateConflict;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.definition.Definition;
import io.phaseflow.engine.definition.HandlerReference;
import io.phaseflow.engine.definition.TaskDefinition;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.redis.RedisConnection;
import io.phaseflow.engine.redis.RedisStateStore;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.StatusFilter;
import io.phaseflow.engine.state.WorkflowQuery;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * How much Redis memory Phaseflow's state takes: starts N workflows of a task DAG with T pending
 * tasks each through the real engine and store (nothing runs them), reads Redis's {@code
 * used_memory} before and after, prints bytes per task and per workflow, then empties the database.
 * It refuses a database that is not empty, so it never deletes anyone's data.
 */
public final class MemoryBenchmark {
  /** What to create. */
  public record Settings(int workflows, int tasks, int payloadBytes, int threads) {}

  /** What it measured. */
  public record Result(
      long usedBefore,
      long usedAfter,
      long usedAfterCleanup,
      long keys,
      long millis,
      long tasks,
      Listing listing) {
    long delta() {
      return usedAfter - usedBefore;
    }
  }

  private final Supplier<RedisConnection> connections;
  private final String where;

  /**
   * @param connections opens connections to the (empty) benchmark database
   * @param where the server and database, without password, for messages
   */
  public MemoryBenchmark(Supplier<RedisConnection> connections, String where) {
    this.connections = connections;
    this.where = where;
  }

  public Result run(Settings s, PrintWriter out) throws Exception {
    try (RedisConnection admin = connections.get()) {
      RedisClusterCommands<String, String> redis = admin.sync();
      long existing = redis.dbsize();
      if (existing > 0) {
        throw new RejectedInput(
            where
                + " holds "
                + existing
                + " keys; the benchmark empties its database when done,"
                + " so it needs an empty one: pick another with --db");
      }
      long before = usedMemory(redis);
      long started = System.nanoTime();
      create(s, out);
      long millis = (System.nanoTime() - started) / 1_000_000;
      long after = usedMemory(redis);
      long keys = redis.dbsize();
      Listing listing = listing();
      redis.flushdb();
      long cleaned = usedMemory(redis);
      return new Result(
          before, after, cleaned, keys, millis, (long) s.workflows() * s.tasks(), listing);
    }
  }

  /** Prints a result as the README shows it. */
  public static void print(Settings s, Result r, PrintWriter out) {
    out.printf(
        "workflows           %,d (task DAG of %d pending tasks, %d-byte payloads)%n",
        s.workflows(), s.tasks(), s.payloadBytes());
    out.printf(
        "created in          %,d ms (%,.0f workflows/s)%n",
        r.millis(), s.workflows() * 1000.0 / Math.max(1, r.millis()));
    out.printf(
        "keys                %,d (%.1f per workflow)%n",
        r.keys(), r.keys() / (double) s.workflows());
    out.printf("used_memory before  %,d B%n", r.usedBefore());
    out.printf(
        "used_memory after   %,d B  (+%,d B = %.1f MiB)%n",
        r.usedAfter(), r.delta(), r.delta() / 1048576.0);
    out.printf("per task            %.1f B%n", r.delta() / (double) r.tasks());
    out.printf("per workflow        %.1f B%n", r.delta() / (double) s.workflows());
    out.printf(
        "1M tasks would take %.1f MiB (bound: 500 MB)%n",
        r.delta() / (double) r.tasks() * 1e6 / 1048576.0);
    Listing l = r.listing();
    out.printf(
        "list, median of %d  first page of 20 %.2f ms; 100th (or last) page %.2f ms; --state failed"
            + " (none) %.2f ms%n",
        Listing.RUNS, l.firstPage(), l.hundredthPage(), l.failedOnly());
    out.printf("after cleanup       %,d B%n", r.usedAfterCleanup());
    out.flush();
  }

  /**
   * How long listing pages takes with every workflow in the index: median milliseconds.
   *
   * @param firstPage the newest 20
   * @param hundredthPage the 100th page of 20, from the 99th's cursor
   * @param failedOnly a status filter that matches nothing
   */
  public record Listing(double firstPage, double hundredthPage, double failedOnly) {
    static final int RUNS = 21;
  }

  private Listing listing() {
    try (RedisStateStore store =
        new RedisStateStore(connections.get(), "pf", StateStore.DEFAULT_RETENTION, where)) {
      WorkflowQuery first = new WorkflowQuery(null, StatusFilter.ANY, 20, null);
      WorkflowQuery deep = first;
      for (int page = 1; page < 100; page++) {
        String next = store.list(deep).next();
        if (next == null) {
          break; // fewer than 100 pages: the last one
        }
        deep = deep.withAfter(next);
      }
      WorkflowQuery hundredth = deep;
      WorkflowQuery failed = new WorkflowQuery(null, StatusFilter.FAILED, 20, null);
      return new Listing(
          medianMillis(() -> store.list(first)),
          medianMillis(() -> store.list(hundredth)),
          medianMillis(() -> store.list(failed)));
    }
  }

  private static double medianMillis(Runnable r) {
    double[] ms = new double[Listing.RUNS];
    for (int i = 0; i < ms.length; i++) {
      long t = System.nanoTime();
      r.run();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    java.util.Arrays.sort(ms);
    return ms[ms.length / 2];
  }

  /** One engine and one connection (Lettuce pipelines the threads' commands on it). */
  private void create(Settings s, PrintWriter out) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(s.threads());
    try (RedisStateStore store =
            new RedisStateStore(connections.get(), "pf", StateStore.DEFAULT_RETENTION, where);
        // closed before the store, so its deadline watchdog never runs on a closed connection
        Engine engine = Engine.builder().store(store).bus(new DiscardingBus()).build().start()) {
      engine.plans().add(CompiledDefinition.compile(definition(s)));
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < s.threads(); t++) {
        int share = s.workflows() / s.threads() + (t < s.workflows() % s.threads() ? 1 : 0);
        done.add(pool.submit(() -> startMany(engine, share, s)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static Void startMany(Engine engine, int count, Settings s) {
    for (int i = 0; i < count; i++) {
      engine.startWorkflow("memory-bench", null);
    }
    return null;
  }

  /** Task 0 is the root; every other task depends on it (seed 000's fan-out shape). */
  private static Definition definition(Settings s) {
    List<TaskDefinition> tasks = new ArrayList<>();
    for (int i = 0; i < s.tasks(); i++) {
      tasks.add(
          new TaskDefinition(
              "t" + i,
              HandlerReference.named("Noop"),
              i == 0 ? List.of() : List.of("t0"),
              new TextNode(randomText(s.payloadBytes()))));
    }
    return new Definition(
        "memory-bench",
        1,
        "bench",
        JsonNodeFactory.instance.objectNode(),
        Definition.Kind.TASKS,
        Map.of(),
        tasks);
  }

  private static String randomText(int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
    }
    return b.toString();
  }

  private static long usedMemory(RedisClusterCommands<String, String> redis) {
    for (String line : redis.info("memory").split("\r?\n")) {
      if (line.startsWith("used_memory:")) {
        return Long.parseLong(line.substring("used_memory:".length()).trim());
      }
    }
    throw new StateConflict("Redis INFO memory has no used_memory line");
  }
}
