package io.phaseflow.samples;

import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;

/**
 * Seed 004's error phase handler under its own name. The samples send no mail: its output is the
 * report {@link ErrorReporter} writes, the text such a mail would carry.
 */
public final class ErrorEmailer implements Handler {
  private final ErrorReporter report = new ErrorReporter();

  @Override
  public String name() {
    return "ErrorEmailer";
  }

  @Override
  public JobResult process(Job job) {
    return report.process(job);
  }
}
