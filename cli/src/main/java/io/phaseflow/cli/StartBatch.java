package io.phaseflow.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Starts {@code count} workflows from a few threads (each start waits for the broker's confirm),
 * hands each id on as soon as its start returned, and stops taking new starts at the first failure:
 * starts already under way finish, so every id handed on is a start that was confirmed and no start
 * is confirmed without its id handed on. Used once, from one thread.
 */
final class StartBatch {
  /**
   * How many starts returned an id, how many threw (a start whose publish went unconfirmed may
   * still have been enqueued), and the first failure (null when all succeeded).
   */
  record Result(int started, int failed, Throwable failure) {}

  private StartBatch() {}

  /**
   * @param started called with each id, one call at a time
   */
  static Result run(int count, int threads, Callable<String> start, Consumer<String> started)
      throws InterruptedException {
    AtomicInteger tickets = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Object reporting = new Object();
    Runnable starter =
        () -> {
          while (failure.get() == null && tickets.getAndIncrement() < count) {
            try {
              String id = start.call();
              synchronized (reporting) {
                started.accept(id);
                done.incrementAndGet();
              }
            } catch (Exception | Error e) {
              failed.incrementAndGet();
              failure.compareAndSet(null, e);
            }
          }
        };
    List<Thread> running = new ArrayList<>();
    for (int i = 0; i < Math.min(count, threads); i++) {
      Thread t = new Thread(starter, "phaseflow-start-" + (i + 1));
      t.setDaemon(true);
      t.start();
      running.add(t);
    }
    for (Thread t : running) {
      t.join();
    }
    return new Result(done.get(), failed.get(), failure.get());
  }
}
