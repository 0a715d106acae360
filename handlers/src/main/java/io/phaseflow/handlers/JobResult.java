package io.phaseflow.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The outcome of processing one job: an output, or a failure that may be retried.
 *
 * @param ok true when the job succeeded
 * @param output the job's JSON output when it succeeded (may be JSON null)
 * @param error what went wrong, when it failed
 * @param retryable whether trying the job again may succeed; a non-retryable failure fails the
 *     phase at once
 */
public record JobResult(boolean ok, JsonNode output, String error, boolean retryable) {

  public static JobResult success(JsonNode output) {
    return new JobResult(true, output == null ? NullPayload.INSTANCE : output, null, false);
  }

  public static JobResult failure(String error, boolean retryable) {
    Objects.requireNonNull(error, "error");
    return new JobResult(false, null, error, retryable);
  }
}
