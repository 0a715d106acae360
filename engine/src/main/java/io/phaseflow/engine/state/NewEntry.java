package io.phaseflow.engine.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.engine.plan.JobSpec;
import java.util.List;
import java.util.Map;

/**
 * A phase entry to open together with a transition.
 *
 * @param entry its number: the workflow's current entry + 1
 * @param phase the phase entered
 * @param jobs its planned jobs (none: it closes at once)
 * @param planningError why planning its jobs failed, or null; the entry then closes failed at once
 * @param carried outputs by job index of jobs that already succeeded in an earlier entry of the
 *     phase (a redrive): they open succeeded and do not run again
 */
public record NewEntry(
    int entry,
    String phase,
    List<JobSpec> jobs,
    String planningError,
    Map<Integer, JsonNode> carried) {
  public NewEntry {
    jobs = List.copyOf(jobs);
    carried = Map.copyOf(carried);
  }

  public NewEntry(int entry, String phase, List<JobSpec> jobs, String planningError) {
    this(entry, phase, jobs, planningError, Map.of());
  }

  /** Whether the entry closes as it opens: no jobs to run, or its planning failed. */
  public boolean closedAtOnce() {
    return planningError != null || carried.size() == jobs.size();
  }

  /** How job {@code index} opens: carried ones succeeded, those whose parents all are ready. */
  public JobStatus initialStatus(int index) {
    if (planningError != null) {
      return JobStatus.SKIPPED;
    }
    if (carried.containsKey(index)) {
      return JobStatus.SUCCEEDED;
    }
    return openParents(index) == 0 ? JobStatus.READY : JobStatus.WAITING;
  }

  /** How many of job {@code index}'s parents have not succeeded yet. */
  public int openParents(int index) {
    return (int) jobs.get(index).parents().stream().filter(p -> !carried.containsKey(p)).count();
  }

  /** The jobs that open ready: what entering dispatches. */
  public List<JobSpec> readyJobs() {
    return jobs.stream().filter(j -> initialStatus(j.index()) == JobStatus.READY).toList();
  }
}
