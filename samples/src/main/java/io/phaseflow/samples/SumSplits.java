package io.phaseflow.samples;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;

/**
 * {@code sum-splits}: adds up the section counts its parent step {@code section-counts} hands it as
 * a list, as {@link CountSummer} does.
 */
public final class SumSplits implements Handler {
  @Override
  public String name() {
    return "sum-splits";
  }

  @Override
  public JobResult process(Job job) {
    JsonNode counts = Json.at(job.inputs(), "section-counts");
    if (!counts.isArray()) {
      throw Json.badInput(
          job, "inputs.section-counts must be the list of section counts, got " + counts);
    }
    return JobResult.success(CountSummer.sum(counts));
  }
}
