package io.phaseflow.samples;

import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;

/**
 * redis.workflow's sample task handler: every task of its workflows comes to this one handler,
 * which succeeds at once. Its output is the task's payload, so a run shows which task ran.
 */
public final class TaskHandler implements Handler {

  @Override
  public String name() {
    return "TaskHandler";
  }

  @Override
  public JobResult process(Job job) {
    return JobResult.success(job.payload());
  }
}
