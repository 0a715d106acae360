package io.phaseflow.engine.plan;

import io.phaseflow.handlers.JobResult;

/** What the completion rules decided for a finished job. */
public sealed interface JobDecision {

  /**
   * Record the job's end as {@code result}.
   *
   * @param label how the entry's first error names the job, e.g. {@code job 3 (Resize)}
   */
  record Record(JobResult result, String label) implements JobDecision {}

  /** Start attempt {@code next} of the job once {@code delayMillis} have passed. */
  record Retry(int next, long delayMillis) implements JobDecision {}

  /** Do nothing: the message is for a job the store does not hold; {@code reason} says why. */
  record Drop(String reason) implements JobDecision {}
}
