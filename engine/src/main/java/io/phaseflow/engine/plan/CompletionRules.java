package io.phaseflow.engine.plan;

import io.phaseflow.engine.definition.Durations;
import io.phaseflow.handlers.JobResult;
import io.phaseflow.handlers.protocol.JobFinished;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Decides, purely, what a finished job does, the way {@link TransitionRules} decides a phase: a
 * retryable failure with attempts left runs again, an output over the limit fails its job, and
 * everything else is recorded as it ended. The caller reads the job only when {@link #needsJob}
 * says so: a success within the limit, the common case, is decided without it.
 */
public final class CompletionRules {

  private CompletionRules() {}

  /** What deciding a finished job takes besides the job. */
  public record Facts(JobFinished done, int outputBytes, int maxOutputBytes) {
    /** The facts of {@code done}, its output measured once. */
    public static Facts of(JobFinished done, int maxOutputBytes) {
      int size = done.ok() && done.output() != null ? done.output().toString().length() : 0;
      return new Facts(done, size, maxOutputBytes);
    }

    boolean withinLimit() {
      return done.ok() && outputBytes <= maxOutputBytes;
    }
  }

  /**
   * Whether the job's spec is needed: for every failure (its attempts and its name for the error)
   * and for an output over the limit (its name for the message); not for a success within it.
   */
  public static boolean needsJob(Facts facts) {
    return !facts.withinLimit();
  }

  /**
   * @param job the job's spec when it was read ({@link #needsJob}); empty when it was not read or
   *     the entry does not hold it
   */
  public static JobDecision decide(Facts facts, Optional<JobSpec> job) {
    return decide(facts, job, () -> 0.5);
  }

  /**
   * @param job the job's spec when it was read ({@link #needsJob}); empty when it was not read or
   *     the entry does not hold it
   * @param random the jitter of a retry's delay (see {@link Backoff})
   */
  public static JobDecision decide(Facts facts, Optional<JobSpec> job, DoubleSupplier random) {
    JobFinished done = facts.done();
    if (facts.withinLimit()) {
      return new JobDecision.Record(JobResult.success(done.output()), label(done.job(), job));
    }
    if (job.isEmpty()) {
      return new JobDecision.Drop(
          "JobFinished for unknown job "
              + done.workflowId()
              + "/"
              + done.entry()
              + "#"
              + done.job()
              + " (its workflow expired, or the message is not for this store)");
    }
    String label = label(done.job(), job);
    if (done.ok()) {
      return new JobDecision.Record(JobResult.failure(overLimit(facts, job.get()), false), label);
    }
    if (done.retryable() && done.attempt() < job.get().maxAttempts()) {
      return retry(job.get(), done.attempt(), random);
    }
    return new JobDecision.Record(JobResult.failure(done.error(), false), label);
  }

  /**
   * What an attempt whose deadline passed does: it failed with a timeout, which is retryable, so it
   * runs again after its backoff while attempts are left, and otherwise the job fails.
   */
  public static JobDecision timedOut(JobSpec job, int attempt, DoubleSupplier random) {
    if (attempt < job.maxAttempts()) {
      return retry(job, attempt, random);
    }
    return new JobDecision.Record(
        JobResult.failure(timeoutError(job, attempt), false), label(job.index(), Optional.of(job)));
  }

  /**
   * The error of a timed-out attempt: {@code timed out after 30s (attempt 2 of 3)}, or, for a job
   * that heartbeats (its deadline is then its last heartbeat's, or its timeout before the first),
   * {@code timed out: no heartbeat for 10s (attempt 2 of 3)}.
   */
  public static String timeoutError(JobSpec job, int attempt) {
    long heartbeat = job.policy().heartbeatMillis();
    return (heartbeat > 0
            ? "timed out: no heartbeat for " + Durations.format(heartbeat)
            : "timed out after " + Durations.format(job.policy().timeoutMillis()))
        + " (attempt "
        + attempt
        + " of "
        + job.maxAttempts()
        + ")";
  }

  private static JobDecision retry(JobSpec job, int failed, DoubleSupplier random) {
    return new JobDecision.Retry(failed + 1, Backoff.delayMillis(job.policy(), failed, random));
  }

  /** How an entry's first error names its job, e.g. {@code job 3 (Resize)}. */
  public static String label(int index, Optional<JobSpec> job) {
    return job.map(j -> "job " + index + " (" + j.name() + ")").orElse("job " + index);
  }

  /** An output over the limit fails its job: state stays small and every reader stays fast. */
  private static String overLimit(Facts facts, JobSpec job) {
    return String.format(
        "output of %s is %,d bytes, over the limit of %,d; store large results elsewhere (a"
            + " file, an object store) and return a reference to them",
        job.name(), facts.outputBytes(), facts.maxOutputBytes());
  }
}
