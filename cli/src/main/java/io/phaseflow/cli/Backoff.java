package io.phaseflow.cli;

import io.phaseflow.engine.RejectedInput;
import java.time.Duration;
import java.util.Optional;

/**
 * How long a long-running process waits between attempts to reach its servers: {@code initial}
 * after the first failure, doubling up to {@code max}, for as long as {@code timeout} allows (null:
 * forever). Pure; immutable and thread-safe.
 */
record Backoff(Duration initial, Duration max, Duration timeout) {
  /** 0.5 s doubling to 10 s, forever: what {@code engine}, {@code handlers}, {@code serve} do. */
  static final Backoff FOREVER = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), null);

  Backoff {
    if (initial.isNegative() || max.compareTo(initial) < 0) {
      throw new RejectedInput(
          "backoff from " + initial + " to " + max + ": the start must be >= 0 and <= the cap");
    }
    if (timeout != null && timeout.isNegative()) {
      throw new RejectedInput("connect timeout must not be negative, not " + timeout);
    }
  }

  /** {@link #FOREVER}'s waits, giving up once {@code timeout} has passed. */
  static Backoff upTo(Duration timeout) {
    return new Backoff(FOREVER.initial, FOREVER.max, timeout);
  }

  /**
   * The wait before the next attempt, after attempt number {@code failed} (from 1) failed {@code
   * elapsed} after the first began; empty when it is time to give up. The last wait is cut short so
   * that the last attempt starts at the timeout.
   */
  Optional<Duration> delayAfter(int failed, Duration elapsed) {
    if (failed < 1) {
      throw new IllegalArgumentException("attempts are numbered from 1, not " + failed);
    }
    Duration delay = failed > 31 ? max : min(initial.multipliedBy(1L << (failed - 1)), max);
    if (timeout == null) {
      return Optional.of(delay);
    }
    Duration left = timeout.minus(elapsed);
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(min(delay, left));
  }

  /** {@code 500 ms}, {@code 2 s}, {@code 1.5 s}: for log lines. */
  static String show(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    return ms % 1000 == 0
        ? ms / 1000 + " s"
        : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
