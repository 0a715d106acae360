package io.phaseflow.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.engine.definition.JobPolicy;
import java.util.List;

/**
 * One DAG node of a phase entry, as planned: a job to run once its parents (within the entry) have
 * succeeded. The entry's barrier is implicit: the entry closes when no job is left open.
 *
 * @param index the job's id within its entry, 0-based
 * @param name the task name, or the handler name for a phase job
 * @param handler the handler that runs it
 * @param version the handler's major version
 * @param maxAttempts how many tries a retryable failure gets
 * @param payload the job's own input (JSON null when none)
 * @param parents indexes of the jobs that must succeed first
 * @param policy its attempts' timeout, heartbeat timeout and backoff
 * @param fanout the task's {@code for_each} when this job is its gate (it never runs: its element
 *     jobs do), else null
 */
public record JobSpec(
    int index,
    String name,
    String handler,
    int version,
    int maxAttempts,
    JsonNode payload,
    List<Integer> parents,
    JobPolicy policy,
    Fanout fanout) {

  public JobSpec {
    parents = List.copyOf(parents);
  }

  /** A job that is not a {@code for_each} gate. */
  public JobSpec(
      int index,
      String name,
      String handler,
      int version,
      int maxAttempts,
      JsonNode payload,
      List<Integer> parents,
      JobPolicy policy) {
    this(index, name, handler, version, maxAttempts, payload, parents, policy, null);
  }

  /** Whether this job is a {@code for_each} gate: it never runs, its elements do. */
  public boolean isGate() {
    return fanout != null;
  }

  /** What this job waits for: its parents and, for a gate, its element jobs. */
  public List<Integer> waitsFor() {
    if (fanout == null || !fanout.expanded()) {
      return parents;
    }
    List<Integer> all = new java.util.ArrayList<>(parents);
    all.addAll(fanout.elements());
    return all;
  }

  /** This gate with its element jobs at {@code first} .. {@code first + count - 1}. */
  public JobSpec expandedAt(int first, int count) {
    return new JobSpec(
        index,
        name,
        handler,
        version,
        maxAttempts,
        payload,
        parents,
        policy,
        fanout.expandedAt(first, count));
  }

  /** A job with the default {@link JobPolicy}. */
  public JobSpec(
      int index,
      String name,
      String handler,
      int version,
      int maxAttempts,
      JsonNode payload,
      List<Integer> parents) {
    this(index, name, handler, version, maxAttempts, payload, parents, JobPolicy.DEFAULT);
  }
}
