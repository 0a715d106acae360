package io.phaseflow.engine.redis;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes one key every few milliseconds through a connection, as the engine's store does, and keeps
 * the longest time between two successful writes: how long a failover of the key's master stalls
 * the engine's writes to that slot. Started and stopped by one test thread.
 */
final class WriteProbe implements AutoCloseable {
  private final RedisConnection connection;
  private final String key;
  private final Thread thread;
  private final AtomicLong longestGapNanos = new AtomicLong();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger writes = new AtomicInteger();
  private volatile boolean running = true;

  WriteProbe(RedisConnection connection, String key) {
    this.connection = connection;
    this.key = key;
    this.thread = new Thread(this::run, "write-probe");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    long last = System.nanoTime();
    while (running) {
      try {
        connection.sync().set(key, Long.toString(System.currentTimeMillis()));
        long now = System.nanoTime();
        longestGapNanos.accumulateAndGet(now - last, Math::max);
        last = now;
        writes.incrementAndGet();
      } catch (RuntimeException e) {
        failures.incrementAndGet();
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  long longestGapMillis() {
    return longestGapNanos.get() / 1_000_000;
  }

  int failures() {
    return failures.get();
  }

  int writes() {
    return writes.get();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(10_000);
    connection.close();
  }
}
