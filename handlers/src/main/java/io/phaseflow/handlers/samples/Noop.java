package io.phaseflow.handlers.samples;

import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;

/** Succeeds at once with a JSON null output: measures the engine, not the work. */
final class Noop implements Handler {

  @Override
  public String name() {
    return "Noop";
  }

  @Override
  public JobResult process(Job job) {
    return JobResult.success(null);
  }
}
