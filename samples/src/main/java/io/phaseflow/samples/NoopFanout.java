package io.phaseflow.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import io.phaseflow.handlers.PhaseContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A wide join for {@code phaseflow bench join}: enumerates {@code data.jobs} no-op jobs through
 * {@link #jobs}, the payload of each its number (0, 1, ...); each succeeds at once with a JSON null
 * output, so what is measured is the engine's fan-out and join, not the work.
 */
public final class NoopFanout implements Handler {

  @Override
  public String name() {
    return "NoopFanout";
  }

  /**
   * @throws IllegalArgumentException when {@code data.jobs} is not a whole number from 0 up: the
   *     entry then fails with this message
   */
  @Override
  public List<JsonNode> jobs(PhaseContext context) {
    JsonNode count = Json.at(context.data(), "jobs");
    if (!count.canConvertToInt() || !count.isIntegralNumber() || count.intValue() < 0) {
      throw new IllegalArgumentException(
          "NoopFanout needs data.jobs, the number of jobs to run (a whole number from 0 up), got "
              + (count.isMissingNode() ? "none" : count.toString())
              + "; start the workflow with input {\"jobs\": 1000}");
    }
    List<JsonNode> payloads = new ArrayList<>(count.intValue());
    for (int i = 0; i < count.intValue(); i++) {
      payloads.add(IntNode.valueOf(i));
    }
    return payloads;
  }

  @Override
  public JobResult process(Job job) {
    return JobResult.success(null);
  }
}
