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
 * @param carried outputs by job index of jobs that open succeeded and do not run: those that
 *     already succeeded in an earlier entry of the phase (a redrive), and the {@code for_each}
 *     gates whose element jobs (and parents) all did (or that have none), with the array of their
 *     elements' outputs
 */
public record NewEntry(
    int entry,
    String phase,
    List<JobSpec> jobs,
    String planningError,
    Map<Integer, JsonNode> carried) {
  public NewEntry {
    jobs = List.copyOf(jobs);
    carried = Map.copyOf(withGatesDone(jobs, carried));
  }

  /** Adds the expanded gates whose every element and parent is carried, until none is left. */
  private static Map<Integer, JsonNode> withGatesDone(
      List<JobSpec> jobs, Map<Integer, JsonNode> carried) {
    Map<Integer, JsonNode> done = new java.util.HashMap<>(carried);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (JobSpec j : jobs) {
        if (j.isGate()
            && j.fanout().expanded()
            && !done.containsKey(j.index())
            && done.keySet().containsAll(j.waitsFor())) {
          com.fasterxml.jackson.databind.node.ArrayNode out =
              com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
          j.fanout().elements().forEach(e -> out.add(done.get(e)));
          done.put(j.index(), out);
          changed = true;
        }
      }
    }
    return done;
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
    if (jobs.get(index).isGate()) {
      return JobStatus.WAITING; // a gate never runs: it succeeds as what it waits for does
    }
    return openParents(index) == 0 ? JobStatus.READY : JobStatus.WAITING;
  }

  /** How many of job {@code index}'s parents have not succeeded yet. */
  public int openParents(int index) {
    return (int) jobs.get(index).waitsFor().stream().filter(p -> !carried.containsKey(p)).count();
  }

  /** The jobs that open ready: what entering dispatches. */
  public List<JobSpec> readyJobs() {
    return jobs.stream().filter(j -> initialStatus(j.index()) == JobStatus.READY).toList();
  }

  /** The jobs whose children are {@code index}: its parents' and, for an element, its gate. */
  public static List<List<Integer>> children(List<JobSpec> jobs) {
    List<List<Integer>> children = new java.util.ArrayList<>(jobs.size());
    jobs.forEach(j -> children.add(new java.util.ArrayList<>()));
    for (JobSpec j : jobs) {
      j.waitsFor().forEach(p -> children.get(p).add(j.index()));
    }
    return children;
  }
}
