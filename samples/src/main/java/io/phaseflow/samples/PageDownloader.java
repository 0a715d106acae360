package io.phaseflow.samples;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import io.phaseflow.handlers.PhaseContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 004's page downloader: its definition names no {@code for_each}, so, as in Distribot, the
 * handler enumerates its own jobs: one per hit of the searcher before it. Each job fetches its page
 * from the local corpus (the samples reach no network) and summarises it as {@link PageSummarizer}
 * does.
 */
public final class PageDownloader implements Handler {
  private final PageSummarizer pages = new PageSummarizer();

  @Override
  public String name() {
    return "PageDownloader";
  }

  @Override
  public List<JsonNode> jobs(PhaseContext context) {
    List<JsonNode> hits = new ArrayList<>();
    JsonNode inputs = context.inputs();
    if (inputs != null) {
      for (JsonNode searcher : inputs) {
        for (JsonNode output : searcher) {
          output.path("hits").forEach(hits::add);
        }
      }
    }
    return hits;
  }

  @Override
  public JobResult process(Job job) throws IOException {
    return pages.process(job);
  }
}
