package io.phaseflow.engine.plan;

import io.phaseflow.engine.definition.JobPolicy;
import java.util.function.DoubleSupplier;

/**
 * How long a job waits before its next attempt, purely: {@code min(max, initial *
 * multiplier^(failed - 1))}, moved up or down by up to {@code jitter} of itself at random, and
 * never over {@code max}.
 */
public final class Backoff {
  private Backoff() {}

  /**
   * @param failed the attempt that failed, 1-based
   * @param random a number in [0, 1): 0.5 moves nothing, 0 the most down, near 1 the most up
   */
  public static long delayMillis(JobPolicy policy, int failed, DoubleSupplier random) {
    double base =
        Math.min(
            policy.maxMillis(),
            policy.initialMillis() * Math.pow(policy.multiplier(), Math.max(0, failed - 1)));
    double jittered = base * (1 + policy.jitter() * (2 * random.getAsDouble() - 1));
    return Math.round(Math.max(0, Math.min(policy.maxMillis(), jittered)));
  }
}
