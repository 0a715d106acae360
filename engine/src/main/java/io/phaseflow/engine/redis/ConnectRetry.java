package io.phaseflow.engine.redis;

import io.phaseflow.engine.RejectedInput;
import java.time.Duration;

/**
 * How {@link RedisConnector#connect()} retries the first connection: up to {@code attempts} tries,
 * waiting {@code initialDelay} after the first failure and doubling the wait up to {@code
 * maxDelay}. The default (5 attempts, 100 ms, 2 s) gives up after about 1.5 s of waiting plus the
 * connection attempts themselves.
 *
 * <p>Immutable and thread-safe.
 */
public record ConnectRetry(int attempts, Duration initialDelay, Duration maxDelay) {
  public static final ConnectRetry DEFAULT =
      new ConnectRetry(5, Duration.ofMillis(100), Duration.ofSeconds(2));

  public ConnectRetry {
    if (attempts < 1) {
      throw new RejectedInput("connect attempts must be at least 1, not " + attempts);
    }
    if (initialDelay == null || initialDelay.isNegative()) {
      throw new RejectedInput(
          "initial connect delay must be zero or positive, not " + initialDelay);
    }
    if (maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
      throw new RejectedInput(
          "max connect delay " + maxDelay + " must not be below the initial " + initialDelay);
    }
  }

  /** The wait after {@code delay}: twice as long, capped at {@link #maxDelay()}. */
  Duration next(Duration delay) {
    Duration doubled = delay.multipliedBy(2);
    return doubled.compareTo(maxDelay) > 0 ? maxDelay : doubled;
  }
}
