package io.phaseflow.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums the counts of every {@code SectionCounter} job of the previous phase. Output {@code
 * {"sections", "total_words", "distinct_words", "top": [["word", n], ...]}} with the ten most
 * frequent words, ties in alphabetical order.
 */
public final class CountSummer implements Handler {
  static final int TOP = 10;

  @Override
  public String name() {
    return "CountSummer";
  }

  @Override
  public JobResult process(Job job) {
    JsonNode counters = Json.at(job.inputs(), "SectionCounter");
    // A book with no sections fans out to no jobs, so an absent key is an empty book, not an error.
    if (!counters.isMissingNode() && !counters.isArray()) {
      throw Json.badInput(job, "inputs.SectionCounter must be an array, got " + counters);
    }
    ObjectNode out = sum(counters);
    return JobResult.success(out);
  }

  /** The sum of section counts ({@code [{"counts": {"word": n}}, ...]}); none when missing. */
  static ObjectNode sum(JsonNode counters) {
    Map<String, Long> totals = new HashMap<>();
    for (JsonNode output : counters) {
      for (Map.Entry<String, JsonNode> e : output.path("counts").properties()) {
        totals.merge(e.getKey(), e.getValue().asLong(), Long::sum);
      }
    }
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(totals.entrySet());
    sorted.sort(
        Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));
    ObjectNode out =
        Json.object()
            .put("sections", counters.size())
            .put("total_words", totals.values().stream().mapToLong(Long::longValue).sum())
            .put("distinct_words", totals.size());
    ArrayNode top = out.putArray("top");
    sorted.stream().limit(TOP).forEach(e -> top.addArray().add(e.getKey()).add(e.getValue()));
    return out;
  }
}
