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
 * @param startedAt epoch ms its last attempt started (as its handler reported), 0 when unknown
 * @param endedAt epoch ms it ended (succeeded or failed), 0 while open or when skipped
 */
public record JobRecord(
    JobSpec spec,
    JobStatus status,
    int attempt,
    JsonNode output,
    String error,
    List<RetriedAttempt> retried,
    long startedAt,
    long endedAt) {

  public JobRecord {
    retried = List.copyOf(retried);
  }

  /** A job whose times are unknown (not ended yet). */
  public JobRecord(
      JobSpec spec,
      JobStatus status,
      int attempt,
      JsonNode output,
      String error,
      List<RetriedAttempt> retried) {
    this(spec, status, attempt, output, error, retried, 0, 0);
  }

  /** A job with no retried attempts. */
  public JobRecord(JobSpec spec, JobStatus status, int attempt, JsonNode output, String error) {
    this(spec, status, attempt, output, error, List.of());
  }

  /** The same job with its end times. */
  public JobRecord ended(long started, long ended) {
    return new JobRecord(spec, status, attempt, output, error, retried, started, ended);
  }
}
