package io.phaseflow.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Summarises one search hit (the job payload, {@code {"page", "score"}}) from the same corpus the
 * search used. Output {@code {"page", "words", "summary", "score"}}; the summary is the first
 * sentence.
 */
public final class PageSummarizer implements Handler {
  // A sentence ends at . ! or ? followed by whitespace or the end of the text.
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])(\\s|$)");

  @Override
  public String name() {
    return "PageSummarizer";
  }

  @Override
  public JobResult process(Job job) throws IOException {
    JsonNode page = Json.at(job.payload(), "page");
    if (!page.isTextual()) {
      throw Json.badInput(
          job, "payload must be a search hit {\"page\": ...}, got " + job.payload());
    }
    Corpus corpus = Corpus.of(job.data());
    String text =
        corpus
            .read(page.asText())
            .orElseThrow(() -> Json.badInput(job, "no page " + page + " in " + corpus.describe()));
    String summary = SENTENCE_END.split(text.strip(), 2)[0].replaceAll("\\s+", " ");
    ObjectNode out =
        Json.object()
            .put("page", page.asText())
            .put("words", Words.of(text).size())
            .put("summary", summary);
    JsonNode score = Json.at(job.payload(), "score");
    out.set("score", score.isNumber() ? score : NullNode.getInstance());
    return JobResult.success(out);
  }
}
