package io.phaseflow.engine.definition;

/**
 * How long a job attempt may run and how its retries wait: a handler entry's {@code timeout},
 * {@code heartbeat_timeout} and {@code backoff}.
 *
 * @param timeoutMillis the longest an attempt may run, counted from its dispatch
 * @param heartbeatMillis when above 0, each heartbeat moves the attempt's deadline to this long
 *     after it, so a job that keeps heartbeating outlives {@code timeoutMillis}; 0 for none
 * @param initialMillis the delay before the second attempt
 * @param maxMillis the longest delay before any attempt
 * @param multiplier how much each delay grows over the one before
 * @param jitter the fraction (0 to 1) by which a delay is moved up or down at random, so that jobs
 *     that failed together do not all retry together
 */
public record JobPolicy(
    long timeoutMillis,
    long heartbeatMillis,
    long initialMillis,
    long maxMillis,
    double multiplier,
    double jitter) {

  /** 30 minutes, no heartbeat, backoff from 1 second doubling up to 5 minutes, 20 % jitter. */
  public static final JobPolicy DEFAULT =
      new JobPolicy(30 * 60_000L, 0, 1_000, 5 * 60_000L, 2, 0.2);

  public JobPolicy {
    if (timeoutMillis < 1 || heartbeatMillis < 0 || initialMillis < 0 || maxMillis < 0) {
      throw new IllegalArgumentException(
          "job policy durations must be positive (timeout) or at least 0, got timeout "
              + timeoutMillis
              + " ms, heartbeat "
              + heartbeatMillis
              + " ms, backoff "
              + initialMillis
              + "/"
              + maxMillis
              + " ms");
    }
    if (multiplier < 1 || jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException(
          "backoff multiplier must be at least 1 and jitter from 0 to 1, got "
              + multiplier
              + " and "
              + jitter);
    }
  }
}
