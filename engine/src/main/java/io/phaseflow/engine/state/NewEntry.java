package io.phaseflow.engine.state;

import io.phaseflow.engine.plan.JobSpec;
import java.util.List;

/**
 * A phase entry to open together with a transition.
 *
 * @param entry its number: the workflow's current entry + 1
 * @param phase the phase entered
 * @param jobs its planned jobs (none: it closes at once)
 * @param planningError why planning its jobs failed, or null; the entry then closes failed at once
 */
public record NewEntry(int entry, String phase, List<JobSpec> jobs, String planningError) {
  public NewEntry {
    jobs = List.copyOf(jobs);
  }
}
