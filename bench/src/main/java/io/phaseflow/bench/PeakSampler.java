package io.phaseflow.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Reads a figure (Redis's {@code used_memory}, the JVM's used heap) on a thread of its own every
 * interval until stopped, and keeps the peak: a peak between two reads is missed, so the interval
 * is short. A read that fails is counted and skipped. Start and stop from one thread.
 */
final class PeakSampler implements AutoCloseable {
  /** The samples so far: how many, the largest, and how many reads failed. */
  record Peak(int samples, long max, int failed) {
    static final Peak NONE = new Peak(0, Long.MIN_VALUE, 0);

    Peak plus(long sample) {
      return new Peak(samples + 1, Math.max(max, sample), failed);
    }

    Peak failedOnce() {
      return new Peak(samples, max, failed + 1);
    }

    /** The peak, or {@code otherwise} when nothing was read. */
    long maxOr(long otherwise) {
      return samples == 0 ? otherwise : max;
    }
  }

  private final LongSupplier read;
  private final long intervalNanos;
  private final Thread thread;
  private volatile boolean stopped;
  private volatile Peak peak = Peak.NONE;

  PeakSampler(String name, LongSupplier read, Duration interval) {
    this.read = read;
    this.intervalNanos = interval.toNanos();
    this.thread = new Thread(this::loop, "peak-sampler-" + name);
    thread.setDaemon(true);
  }

  PeakSampler start() {
    thread.start();
    return this;
  }

  /**
   * Stops sampling, takes one last sample (the figure at the end counts too) and returns the peak;
   * once stopped, returns the same peak again.
   */
  Peak stop() throws InterruptedException {
    if (stopped) {
      return peak;
    }
    stopped = true;
    thread.interrupt();
    thread.join(TimeUnit.SECONDS.toMillis(10));
    sample();
    return peak;
  }

  private void loop() {
    while (!stopped) {
      sample();
      try {
        TimeUnit.NANOSECONDS.sleep(intervalNanos);
      } catch (InterruptedException e) {
        return; // stop() interrupts the sleep
      }
    }
  }

  private void sample() {
    try {
      peak = peak.plus(read.getAsLong());
    } catch (RuntimeException e) {
      peak = peak.failedOnce(); // e.g. a Redis read timing out: the next one may not
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
