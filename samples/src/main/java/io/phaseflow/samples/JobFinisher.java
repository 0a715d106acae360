package io.phaseflow.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import java.util.Map;

/**
 * Closes a successful run: reports what the previous phase produced. Output {@code {"jobs":
 * {"Handler": n}, "pages": [...], "words": n, "report": "..."}}; {@code pages} and {@code words}
 * come from outputs that have a {@code page} or a {@code words} field (PageSummarizer's do).
 */
public final class JobFinisher implements Handler {

  @Override
  public String name() {
    return "JobFinisher";
  }

  @Override
  public JobResult process(Job job) {
    ObjectNode out = Json.object();
    ObjectNode jobs = out.putObject("jobs");
    ArrayNode pages = out.putArray("pages");
    long words = 0;
    int outputs = 0;
    JsonNode inputs = job.inputs() == null ? Json.object() : job.inputs();
    for (Map.Entry<String, JsonNode> handler : inputs.properties()) {
      jobs.put(handler.getKey(), handler.getValue().size());
      for (JsonNode output : handler.getValue()) {
        outputs++;
        if (output.path("page").isTextual()) {
          pages.add(output.get("page").asText());
        }
        words += output.path("words").asLong(0);
      }
    }
    out.put("words", words);
    out.put(
        "report",
        pages.isEmpty()
            ? "finished after " + outputs + " job(s) of " + jobs.size() + " handler(s)"
            : pages.size() + " page(s) summarised, " + words + " words in all");
    return JobResult.success(out);
  }
}
