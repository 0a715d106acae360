package io.phaseflow.engine.definition;

/**
 * How long a job attempt may run, how its retries wait and how it travels: a handler entry's {@code
 * timeout}, {@code heartbeat_timeout}, {@code backoff} and {@code jobs_per_message}.
 *
 * @param timeoutMillis the longest an attempt may run, counted from its dispatch
 * @param heartbeatMillis when above 0, each heartbeat moves the attempt's deadline to this long
 *     after it, so a job that keeps heartbeating outlives {@code timeoutMillis}; 0 for none
 * @param initialMillis the delay before the second attempt
 * @param maxMillis the longest delay before any attempt
 * @param multiplier how much each delay grows over the one before
 * @param jitter the fraction (0 to 1) by which a delay is moved up or down at random, so that jobs
 *     that failed together do not all retry together
 * @param jobsPerMessage how many ready jobs of one dispatch for the same queue may share one broker
 *     message (1 to {@link #MAX_JOBS_PER_MESSAGE}); 1, the default, sends each job on its own
 */
public record JobPolicy(
    long timeoutMillis,
    long heartbeatMillis,
    long initialMillis,
    long maxMillis,
    double multiplier,
    double jitter,
    int jobsPerMessage) {
  /** The most jobs one message may carry: a batch's jobs all wait for its slowest one. */
  public static final int MAX_JOBS_PER_MESSAGE = 100;

  /** 30 minutes, no heartbeat, backoff from 1 second doubling up to 5 minutes, 20 % jitter. */
  public static final JobPolicy DEFAULT =
      new JobPolicy(30 * 60_000L, 0, 1_000, 5 * 60_000L, 2, 0.2, 1);

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
    if (jobsPerMessage < 1 || jobsPerMessage > MAX_JOBS_PER_MESSAGE) {
      throw new IllegalArgumentException(
          "jobs per message must be from 1 to " + MAX_JOBS_PER_MESSAGE + ", got " + jobsPerMessage);
    }
    if (jobsPerMessage > 1 && heartbeatMillis > 0) {
      // a job with heartbeats is acked when it starts, which a shared message cannot be
      throw new IllegalArgumentException(
          "jobs with heartbeats travel one per message, got " + jobsPerMessage + " per message");
    }
  }

  /** One job per message. */
  public JobPolicy(
      long timeoutMillis,
      long heartbeatMillis,
      long initialMillis,
      long maxMillis,
      double multiplier,
      double jitter) {
    this(timeoutMillis, heartbeatMillis, initialMillis, maxMillis, multiplier, jitter, 1);
  }

  /** This policy with {@code n} jobs per message. */
  public JobPolicy withJobsPerMessage(int n) {
    return new JobPolicy(
        timeoutMillis, heartbeatMillis, initialMillis, maxMillis, multiplier, jitter, n);
  }
}
