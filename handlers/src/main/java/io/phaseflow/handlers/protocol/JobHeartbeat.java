package io.phaseflow.handlers.protocol;

import io.phaseflow.handlers.Job;

/**
 * The message a handler instance publishes on {@link Queues#JOB_HEARTBEAT} while it processes a
 * job: the attempt is alive, so the engine moves its deadline (only while it is the current
 * attempt).
 *
 * @param workflowId from the job
 * @param entry from the job
 * @param job from the job
 * @param attempt from the job
 * @param at epoch milliseconds when it was sent
 */
public record JobHeartbeat(String workflowId, int entry, int job, int attempt, long at) {

  /** A heartbeat of {@code job} at {@code at}. */
  public static JobHeartbeat of(Job job, long at) {
    return new JobHeartbeat(job.workflowId(), job.entry(), job.job(), job.attempt(), at);
  }
}
