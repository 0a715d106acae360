package io.phaseflow.bench;

/**
 * When an open-loop run's starts are due: start i at {@code first + i × interval}, whatever has
 * finished, so a slow system meets the same arrivals instead of slowing them (no coordinated
 * omission). Pure.
 *
 * @param first when start 0 is due (System.nanoTime)
 * @param intervalNanos between two starts
 */
record OpenLoopSchedule(long first, long intervalNanos) {
  /** A start that began more than this after it was due fell behind the schedule. */
  static final long TOLERANCE_NANOS = 2_000_000;

  OpenLoopSchedule {
    if (intervalNanos <= 0) {
      throw new IllegalArgumentException("interval " + intervalNanos + " ns: must be above 0");
    }
  }

  /** {@code perSecond} starts a second from {@code first}. */
  static OpenLoopSchedule at(double perSecond, long first) {
    if (!(perSecond > 0) || perSecond > 1e6) {
      throw new IllegalArgumentException(
          "rate " + perSecond + " workflows/s: give one above 0 and at most 1,000,000");
    }
    return new OpenLoopSchedule(first, Math.round(1e9 / perSecond));
  }

  long due(long i) {
    return first + i * intervalNanos;
  }

  /** How many starts a run of {@code seconds} makes: its length over the interval, rounded. */
  long startsIn(double seconds) {
    return Math.round(seconds * 1e9 / intervalNanos);
  }

  /** Whether a start that began {@code lateNanos} after its due time fell behind. */
  static boolean behind(long lateNanos) {
    return lateNanos > TOLERANCE_NANOS;
  }
}
