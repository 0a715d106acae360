package io.phaseflow.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.core.Engine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts N workflows evenly over a time window through the Java API, from a few threads so a start
 * stuck on a dead broker does not hold the others up. A start that fails (a server is down) is
 * counted and tried again with a new id; only the ids whose start returned are reported started.
 * Thread-safe.
 */
final class ChaosStarter {
  private static final int THREADS = 4;

  private final Engine engine;
  private final String definition;
  private final int workflows;
  private final long windowNanos;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private final List<String> started = Collections.synchronizedList(new ArrayList<>());
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stopped;

  ChaosStarter(Engine engine, String definition, int workflows, long windowMillis) {
    this.engine = engine;
    this.definition = definition;
    this.workflows = workflows;
    this.windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMillis);
  }

  ChaosStarter start() {
    long t0 = System.nanoTime();
    for (int t = 0; t < THREADS; t++) {
      Thread thread = new Thread(() -> startAll(t0), "chaos-starter-" + t);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
    return this;
  }

  private void startAll(long t0) {
    for (int i; !stopped && (i = next.getAndIncrement()) < workflows; ) {
      long due = t0 + windowNanos * i / workflows;
      try {
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        while (!stopped) {
          try {
            started.add(engine.startWorkflow(definition, JsonNodeFactory.instance.objectNode()));
            break;
          } catch (RuntimeException serverDown) {
            failures.incrementAndGet();
            Thread.sleep(500);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Waits for the starts to end; false when some were still going after the timeout. */
  boolean await(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (Thread t : threads) {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
    stopped = true;
    return threads.stream().noneMatch(Thread::isAlive);
  }

  /** The ids whose start returned. */
  List<String> started() {
    synchronized (started) {
      return List.copyOf(started);
    }
  }

  /** Starts that threw and were tried again. */
  int failures() {
    return failures.get();
  }
}
