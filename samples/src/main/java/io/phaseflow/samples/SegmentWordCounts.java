package io.phaseflow.samples;

import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;

/** {@code segment-word-counts}: one section (its payload) counted as {@link SectionCounter}. */
public final class SegmentWordCounts implements Handler {
  @Override
  public String name() {
    return "segment-word-counts";
  }

  @Override
  public JobResult process(Job job) {
    return new SectionCounter().process(job);
  }
}
