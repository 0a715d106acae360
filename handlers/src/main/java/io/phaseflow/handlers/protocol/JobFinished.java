package io.phaseflow.handlers.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;

/**
 * The message a handler instance publishes on the job-finished queue after processing a job.
 *
 * @param workflowId from the job
 * @param entry from the job
 * @param job from the job
 * @param attempt from the job
 * @param handler from the job
 * @param ok whether the job succeeded
 * @param output the output when it succeeded
 * @param error the failure message when it failed
 * @param retryable whether a failure may be retried
 * @param startedAt epoch milliseconds when processing began
 * @param finishedAt epoch milliseconds when processing ended
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobFinished(
    String workflowId,
    int entry,
    int job,
    int attempt,
    String handler,
    boolean ok,
    JsonNode output,
    String error,
    boolean retryable,
    long startedAt,
    long finishedAt) {

  /** The message for {@code job} that ended with {@code result}. */
  public static JobFinished of(Job job, JobResult result, long startedAt, long finishedAt) {
    return new JobFinished(
        job.workflowId(),
        job.entry(),
        job.job(),
        job.attempt(),
        job.handler(),
        result.ok(),
        result.output(),
        result.error(),
        result.retryable(),
        startedAt,
        finishedAt);
  }
}
