package io.phaseflow.samples;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;

/**
 * Sleeps {@code payload.ms}, else {@code data.sleep_ms}, else not at all, then succeeds with {@code
 * {"slept_ms": n}}. For tests that need a job to take time, and for the task DAG sample.
 */
public final class Sleeper implements Handler {

  @Override
  public String name() {
    return "Sleeper";
  }

  @Override
  public JobResult process(Job job) throws InterruptedException {
    JsonNode ms = Json.at(job.payload(), "ms");
    if (!ms.isNumber()) {
      ms = Json.at(job.data(), "sleep_ms");
    }
    if (!ms.isMissingNode() && !ms.isNull() && !ms.canConvertToLong()) {
      throw Json.badInput(job, "sleep time must be a whole number of milliseconds, got " + ms);
    }
    long millis = ms.asLong(0);
    if (millis < 0) {
      throw Json.badInput(job, "sleep time must not be negative, got " + millis + " ms");
    }
    Thread.sleep(millis);
    return JobResult.success(Json.object().put("slept_ms", millis));
  }
}
