package io.phaseflow.samples;

import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;

/** Succeeds at once with a JSON null output: measures the engine, not the work. */
public final class Noop implements Handler {

  @Override
  public String name() {
    return "Noop";
  }

  @Override
  public JobResult process(Job job) {
    return JobResult.success(null);
  }
}
