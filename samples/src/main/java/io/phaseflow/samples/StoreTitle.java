package io.phaseflow.samples;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import java.io.IOException;

/**
 * {@code store-title}: the book's title ({@code data.title}, else its {@code "# "} line), as {@code
 * {"title"}}; it needs no other step, so it runs at once, beside {@code book-split}.
 */
public final class StoreTitle implements Handler {
  @Override
  public String name() {
    return "store-title";
  }

  @Override
  public JobResult process(Job job) throws IOException {
    JsonNode split = new BookSplitter().process(job).output();
    return JobResult.success(Json.object().put("title", split.path("title").asText()));
  }
}
