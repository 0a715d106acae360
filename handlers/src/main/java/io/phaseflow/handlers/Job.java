package io.phaseflow.handlers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One job as delivered to a handler instance: the message on a handler queue.
 *
 * <p>The tuple (workflowId, entry, job, attempt) is the attempt id: it identifies one dispatched
 * attempt. The engine rejects a result for an attempt that is no longer current (it timed out or a
 * retry superseded it), so a slow duplicate can never complete a job twice, and redelivery is
 * harmless.
 *
 * @param workflowId the workflow this job belongs to
 * @param phase the phase the job was created for; for a task DAG, {@code run}, the one phase that
 *     holds its tasks
 * @param entry the phase entry: 1 for the first phase entered, 2 for the next, and so on
 * @param job the job's index within the entry
 * @param attempt 1 for the first try, higher for retries
 * @param handler the handler name
 * @param version the handler's major version
 * @param payload the job's own input: a {@code for_each} element, a task payload, or null
 * @param data the workflow's input data
 * @param inputs outputs of what ran before: previous phase's jobs by handler, or parent tasks by
 *     name
 * @param heartbeatMillis when above 0, the attempt times out unless a heartbeat comes at least this
 *     often: the runner then sends one every third of it while the job runs ({@link Heartbeat}); 0
 *     (absent from the message) for none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Job(
    String workflowId,
    String phase,
    int entry,
    int job,
    int attempt,
    String handler,
    int version,
    JsonNode payload,
    JsonNode data,
    JsonNode inputs,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) long heartbeatMillis) {

  /** A job whose attempt needs no heartbeat. */
  public Job(
      String workflowId,
      String phase,
      int entry,
      int job,
      int attempt,
      String handler,
      int version,
      JsonNode payload,
      JsonNode data,
      JsonNode inputs) {
    this(workflowId, phase, entry, job, attempt, handler, version, payload, data, inputs, 0);
  }
}
