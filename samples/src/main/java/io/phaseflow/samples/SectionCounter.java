package io.phaseflow.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the words of one book section (the job payload, {@code {"index", "text"}}). Output {@code
 * {"index", "counts": {"word": n}}} with lowercased words in alphabetical order.
 */
public final class SectionCounter implements Handler {

  @Override
  public String name() {
    return "SectionCounter";
  }

  @Override
  public JobResult process(Job job) {
    JsonNode text = Json.at(job.payload(), "text");
    if (!text.isTextual()) {
      throw Json.badInput(
          job, "payload must be a section {\"index\", \"text\"}, got " + job.payload());
    }
    Map<String, Integer> counts = new TreeMap<>(); // sorted: same text, same output
    Words.of(text.asText()).forEach(w -> counts.merge(w, 1, Integer::sum));
    ObjectNode out = Json.object();
    out.set("index", Json.at(job.payload(), "index").isInt() ? job.payload().get("index") : null);
    ObjectNode countsNode = out.putObject("counts");
    counts.forEach(countsNode::put);
    return JobResult.success(out);
  }
}
