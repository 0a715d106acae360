package io.phaseflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Starts workflows open-loop: one thread fires each start at its due time ({@link
 * OpenLoopSchedule}) into a pool of starter threads, whether or not earlier workflows finished.
 * Each start notes how late it began against its due time.
 */
final class OpenLoop {
  /**
   * What a run did.
   *
   * @param ids the workflows started, in schedule order
   * @param lateMicros per start, how long after its due time it began
   * @param seconds from the first due time to the last start's return
   */
  record Run(List<String> ids, long[] lateMicros, double seconds) {
    long behind() {
      long n = 0;
      for (long late : lateMicros) {
        n += OpenLoopSchedule.behind(late * 1000) ? 1 : 0;
      }
      return n;
    }

    double rate() {
      return ids.size() / seconds;
    }
  }

  private OpenLoop() {}

  /** Starts {@code perSecond} workflows a second for {@code seconds}, then returns. */
  static Run run(Supplier<String> start, double perSecond, double seconds, int starters)
      throws Exception {
    OpenLoopSchedule schedule = OpenLoopSchedule.at(perSecond, System.nanoTime() + 1_000_000);
    int n = (int) schedule.startsIn(seconds);
    String[] ids = new String[n];
    long[] late = new long[n];
    long[] ended = new long[n];
    ExecutorService pool = Executors.newFixedThreadPool(starters);
    List<Future<?>> starts = new ArrayList<>(n);
    try {
      for (int i = 0; i < n; i++) {
        long due = schedule.due(i);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        int k = i;
        starts.add(
            pool.submit(
                () -> {
                  late[k] = (System.nanoTime() - due) / 1000;
                  ids[k] = start.get();
                  ended[k] = System.nanoTime();
                  return null;
                }));
      }
      for (Future<?> f : starts) {
        f.get(); // a failed start fails the run, with its cause
      }
    } finally {
      pool.shutdownNow();
    }
    long last = schedule.first();
    for (long e : ended) {
      last = Math.max(last, e);
    }
    return new Run(List.of(ids), late, (last - schedule.first()) / 1e9);
  }
}
