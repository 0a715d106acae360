package io.phaseflow.samples;

import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import java.io.IOException;

/**
 * Seed 004's searcher under its own name, so the seed's definition runs as written. The samples
 * reach no network, so it searches the local corpus exactly as {@link LocalSearcher} does.
 */
public final class GoogleSearcher implements Handler {
  private final LocalSearcher corpus = new LocalSearcher();

  @Override
  public String name() {
    return "GoogleSearcher";
  }

  @Override
  public JobResult process(Job job) throws IOException {
    return corpus.process(job);
  }
}
