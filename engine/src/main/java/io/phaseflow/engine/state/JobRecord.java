package io.phaseflow.engine.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.engine.plan.JobSpec;
import java.util.List;

/**
 * One job of a phase entry as stored.
 *
 * @param spec what was planned
 * @param status where it stands
 * @param attempt the current attempt, 1-based
 * @param output its output once succeeded
 * @param error its failure once failed
 * @param retried its earlier attempts that failed and were tried again, oldest first
 */
public record JobRecord(
    JobSpec spec,
    JobStatus status,
    int attempt,
    JsonNode output,
    String error,
    List<RetriedAttempt> retried) {

  public JobRecord {
    retried = List.copyOf(retried);
  }

  /** A job with no retried attempts. */
  public JobRecord(JobSpec spec, JobStatus status, int attempt, JsonNode output, String error) {
    this(spec, status, attempt, output, error, List.of());
  }
}
