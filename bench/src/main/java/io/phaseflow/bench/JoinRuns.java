package io.phaseflow.bench;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.phaseflow.engine.StateConflict;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.redis.RedisConnection;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.WorkflowRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a batch of join workflows on a started engine and measures it: wall time, Redis's {@code
 * used_memory} and this JVM's heap read every {@value JoinFigures#SAMPLE_MILLIS} ms, what the
 * namespace's keys keep afterwards, and each workflow read back for exactness. One batch at a time.
 */
final class JoinRuns {
  private static final int STARTERS = 4;
  private static final int MAX_PROBLEMS = 20;

  private final Engine engine;
  private final StateStore store;
  private final RedisConnection probe;
  private final String namespace;
  private final Finishes finishes;

  JoinRuns(
      Engine engine, StateStore store, RedisConnection probe, String namespace, Finishes finishes) {
    this.engine = engine;
    this.store = store;
    this.probe = probe;
    this.namespace = namespace;
    this.finishes = finishes;
  }

  /** Runs {@code workflows} joins of {@code jobs} jobs each, at most {@code inFlight} at once. */
  JoinFigures run(int jobs, int workflows, int inFlight) throws Exception {
    System.gc(); // what was left over from before is not this run's
    long heapBefore = Heap.used();
    long redisBefore = usedMemory();
    long keysBefore = namespaceBytes();
    finishes.expect(workflows, inFlight);
    Duration every = Duration.ofMillis(JoinFigures.SAMPLE_MILLIS);
    PeakSampler redisPeak = new PeakSampler("redis", this::usedMemory, every).start();
    PeakSampler heapPeak = new PeakSampler("heap", Heap::used, every).start();
    Heap.AfterGc afterGc = Heap.afterGc();
    long start = System.nanoTime();
    List<String> ids;
    try (redisPeak;
        heapPeak;
        afterGc) {
      ids = start(jobs, workflows);
      finishes.await(timeout(jobs, workflows), ids, store);
    }
    PeakSampler.Peak redis = redisPeak.stop();
    PeakSampler.Peak heap = heapPeak.stop();
    long livePeak = afterGc.peak();
    long redisAfter = usedMemory();
    long kept = namespaceBytes() - keysBefore;
    long once = 0;
    List<String> problems = new ArrayList<>();
    for (String id : ids) {
      JoinCheck.Verdict v =
          JoinCheck.check(
              id,
              jobs,
              store.workflow(id),
              store.entry(id, 1),
              store.jobs(id, 1),
              store.entry(id, 2),
              store.entry(id, 3));
      once += v.succeededOnce();
      v.problems().stream().limit(MAX_PROBLEMS - problems.size()).forEach(problems::add);
    }
    return new JoinFigures(
        workflows,
        jobs,
        finishes.lastEnd() - start,
        redisBefore,
        redis.maxOr(redisBefore),
        redisAfter,
        redis.samples(),
        kept,
        heapBefore,
        heap.maxOr(heapBefore),
        livePeak,
        heap.samples(),
        once,
        problems);
  }

  /** Generous: a stuck run ends with what it was waiting for rather than hanging. */
  static Duration timeout(int jobs, int workflows) {
    return Duration.ofMinutes(2).plusMillis(5L * jobs * workflows);
  }

  private List<String> start(int jobs, int workflows) throws Exception {
    List<String> ids = Collections.synchronizedList(new ArrayList<>(workflows));
    AtomicInteger toStart = new AtomicInteger(workflows);
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(STARTERS, workflows));
    try {
      List<Future<?>> starters = new ArrayList<>();
      for (int t = 0; t < Math.min(STARTERS, workflows); t++) {
        starters.add(
            pool.submit(
                () -> {
                  while (toStart.getAndDecrement() > 0) {
                    finishes.slots.acquire();
                    ids.add(engine.startWorkflow(JoinWorkload.NAME, JoinWorkload.input(jobs)));
                  }
                  return null;
                }));
      }
      for (Future<?> f : starters) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return List.copyOf(ids);
  }

  long usedMemory() {
    for (String line : probe.sync().info("memory").split("\r?\n")) {
      if (line.startsWith("used_memory:")) {
        return Long.parseLong(line.substring("used_memory:".length()).trim());
      }
    }
    throw new StateConflict("Redis INFO memory has no used_memory line");
  }

  /** MEMORY USAGE of every key of the namespace, SAMPLES 0: every element counted, not sampled. */
  private long namespaceBytes() {
    long[] sum = {0};
    probe.scan(
        namespace + ":*",
        keys -> {
          for (String key : keys) {
            Long bytes =
                probe
                    .sync()
                    .dispatch(
                        CommandType.MEMORY,
                        new IntegerOutput<>(StringCodec.UTF8),
                        new CommandArgs<>(StringCodec.UTF8)
                            .add("USAGE")
                            .addKey(key)
                            .add("SAMPLES")
                            .add(0));
            sum[0] += bytes == null ? 0 : bytes; // null: the key expired meanwhile
          }
        });
    return sum[0];
  }

  /**
   * Counts the batch's ended workflows, keeps at most N in flight and notes when the last one
   * ended. Thread-safe.
   */
  static final class Finishes implements WorkflowListener {
    volatile Semaphore slots = new Semaphore(1);
    private volatile CountDownLatch done = new CountDownLatch(0);
    private final AtomicLong lastEnd = new AtomicLong();
    private final Set<String> ended = ConcurrentHashMap.newKeySet();

    void expect(int workflows, int inFlight) {
      slots = new Semaphore(inFlight);
      done = new CountDownLatch(workflows);
      lastEnd.set(0);
      ended.clear();
    }

    @Override
    public void finished(WorkflowRecord workflow) {
      if (ended.add(workflow.id())) {
        lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
        slots.release();
        done.countDown();
      }
    }

    long lastEnd() {
      return lastEnd.get();
    }

    /**
     * @throws IllegalStateException naming how many are still running and where the first stands
     */
    void await(Duration timeout, List<String> ids, StateStore store) throws InterruptedException {
      if (done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
      String first = ids.stream().filter(id -> !ended.contains(id)).findFirst().orElse("?");
      throw new IllegalStateException(
          done.getCount()
              + " of "
              + ids.size()
              + " workflows still running after "
              + timeout.toSeconds()
              + " s; workflow "
              + first
              + " is "
              + describe(store, first)
              + " (the engine's warnings above, if any, say why)");
    }

    private static String describe(StateStore store, String id) {
      return store
          .workflow(id)
          .map(
              wf -> {
                String entry =
                    store
                        .entry(id, wf.entry())
                        .map(e -> e.jobs() + (e.error() == null ? "" : ", error " + e.error()))
                        .orElse("not stored");
                return wf.status()
                    + " in phase "
                    + wf.phase()
                    + ", entry "
                    + wf.entry()
                    + " "
                    + entry;
              })
          .orElse("not stored");
    }
  }
}
