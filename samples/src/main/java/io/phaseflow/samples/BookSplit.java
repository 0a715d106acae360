package io.phaseflow.samples;

import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import java.io.IOException;

/** {@code book-split}: {@link BookSplitter}'s output, {@code {"title", "sections": [...]}}. */
public final class BookSplit implements Handler {
  @Override
  public String name() {
    return "book-split";
  }

  @Override
  public JobResult process(Job job) throws IOException {
    return new BookSplitter().process(job);
  }
}
