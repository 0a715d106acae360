package io.phaseflow.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Searches the local corpus for the words of {@code data.query}. Output {@code {"query", "hits":
 * [{"page", "score"}]}}, best first; a page's score is how often the query words occur in it.
 */
public final class LocalSearcher implements Handler {

  @Override
  public String name() {
    return "LocalSearcher";
  }

  @Override
  public JobResult process(Job job) throws IOException {
    JsonNode query = Json.at(job.data(), "query");
    Set<String> terms = query.isTextual() ? new HashSet<>(Words.of(query.asText())) : Set.of();
    if (terms.isEmpty()) {
      throw Json.badInput(
          job, "data.query must be a string with at least one word, got " + query.toString());
    }
    Corpus corpus = Corpus.of(job.data());
    List<Map.Entry<String, Integer>> hits = new ArrayList<>();
    for (String page : corpus.pages()) {
      String text = corpus.read(page).orElse("");
      int score = (int) Words.of(text).stream().filter(terms::contains).count();
      if (score > 0) {
        hits.add(Map.entry(page, score));
      }
    }
    // Best first; equal scores by page name so the output is stable.
    hits.sort(
        Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));
    ObjectNode out = Json.object().put("query", query.asText());
    ArrayNode array = out.putArray("hits");
    hits.forEach(h -> array.addObject().put("page", h.getKey()).put("score", h.getValue()));
    return JobResult.success(out);
  }
}
