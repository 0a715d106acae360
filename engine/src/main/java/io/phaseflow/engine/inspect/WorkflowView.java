package io.phaseflow.engine.inspect;

import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.JobCounts;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.TransitionReason;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One workflow as a person wants to see it: where it stands, what it did, and how each phase it
 * visited went. Pure: derived from stored records only.
 *
 * @param workflow the workflow
 * @param current its current entry (the last one once finished); null before the first
 * @param history its transitions, oldest first, starting with {@code started}
 * @param jobs the current entry's jobs, by index (empty when not read)
 * @param tasks for a task DAG, the tasks of its (last) run entry; null otherwise
 */
public record WorkflowView(
    WorkflowRecord workflow,
    EntryRecord current,
    List<TransitionRecord> history,
    List<JobRecord> jobs,
    Tasks tasks) {
  public WorkflowView {
    history = List.copyOf(history);
    jobs = List.copyOf(jobs);
  }

  /** A view without the current entry's jobs or tasks. */
  public WorkflowView(
      WorkflowRecord workflow, EntryRecord current, List<TransitionRecord> history) {
    this(workflow, current, history, List.of(), null);
  }

  /** A view with the current entry's jobs, without tasks to show. */
  public WorkflowView(
      WorkflowRecord workflow,
      EntryRecord current,
      List<TransitionRecord> history,
      List<JobRecord> jobs) {
    this(workflow, current, history, jobs, null);
  }

  /** A view with a task DAG's tasks, without the current entry's jobs. */
  public WorkflowView(
      WorkflowRecord workflow, EntryRecord current, List<TransitionRecord> history, Tasks tasks) {
    this(workflow, current, history, List.of(), tasks);
  }

  /**
   * The entry each history line closed, by line: 0 for a line that closed none (the start, a
   * person's action). Entries close in the order they were opened (a redrive opens the next
   * number), each with one line, so the k-th closing line is entry k's.
   */
  public int[] closedEntries() {
    int[] entries = new int[history.size()];
    int closed = 0;
    for (int i = 0; i < history.size(); i++) {
      TransitionRecord t = history.get(i);
      entries[i] = t.from() != null && !t.reason().control() ? ++closed : 0;
    }
    return entries;
  }

  /**
   * The last entry that ran jobs, whose outputs are the workflow's result: the current entry when
   * it has jobs (an ended workflow's last; a canceled one's, even if some never ran), else the last
   * closed entry whose line counts jobs (a final phase without handlers, a task DAG's {@code
   * succeeded}); 0 when no entry had jobs.
   */
  public int lastEntryWithJobs() {
    if (current != null && current.jobs().total() > 0) {
      return current.entry();
    }
    int[] entries = closedEntries();
    for (int i = history.size() - 1; i >= 0; i--) {
      if (entries[i] > 0 && history.get(i).jobs().total() > 0) {
        return entries[i];
      }
    }
    return 0;
  }

  /**
   * The tasks of a task DAG's run entry, one job each.
   *
   * @param entry the run entry (its open time is the tasks' time origin)
   * @param jobs its jobs by index; a job's parents are indexes into this list
   */
  public record Tasks(EntryRecord entry, List<JobRecord> jobs) {
    public Tasks {
      jobs = List.copyOf(jobs);
    }

    /** The names of job {@code j}'s parents: the DAG's edges into it. */
    public List<String> parents(JobRecord j) {
      return j.spec().parents().stream().map(p -> jobs.get(p).spec().name()).toList();
    }
  }

  /** How a phase stands in this run. */
  public enum PhaseState {
    /** The workflow is in it now. */
    ACTIVE,
    /** Its last entry ended with every job succeeded. */
    SUCCEEDED,
    /** Its last entry ended with a failed job. */
    FAILED
  }

  /**
   * One visited phase.
   *
   * @param phase its name
   * @param state how its last entry stands
   * @param visits how many times it was entered
   * @param jobs its last entry's jobs
   * @param byHandler the same per handler
   * @param millis time spent in it over all visits (so far, for the active one)
   */
  public record PhaseProgress(
      String phase,
      PhaseState state,
      int visits,
      JobCounts jobs,
      Map<String, JobCounts> byHandler,
      long millis) {}

  /** Every phase this run entered, in the order first entered. */
  public Map<String, PhaseProgress> phases(long now) {
    Map<String, PhaseProgress> phases = new LinkedHashMap<>();
    for (TransitionRecord t : history) {
      if (t.from() != null) {
        PhaseProgress before = phases.get(t.from());
        PhaseState state = t.jobs().failed() > 0 ? PhaseState.FAILED : PhaseState.SUCCEEDED;
        phases.put(
            t.from(),
            new PhaseProgress(
                t.from(),
                t.reason() == TransitionReason.FAILED ? PhaseState.FAILED : state,
                before == null ? 1 : before.visits(),
                t.jobs(),
                t.byHandler(),
                (before == null ? 0 : before.millis()) + t.durationMillis()));
      }
      if (t.to() != null) {
        PhaseProgress before = phases.get(t.to());
        phases.put(
            t.to(),
            new PhaseProgress(
                t.to(),
                PhaseState.ACTIVE,
                before == null ? 1 : before.visits() + 1,
                JobCounts.NONE,
                Map.of(),
                before == null ? 0 : before.millis()));
      }
    }
    if (running() && current != null) {
      PhaseProgress p = phases.get(current.phase());
      long spent = Math.max(0, now - current.openedAt());
      phases.put(
          current.phase(),
          new PhaseProgress(
              current.phase(),
              PhaseState.ACTIVE,
              p == null ? 1 : p.visits(),
              current.jobs(),
              current.byHandler(),
              (p == null ? 0 : p.millis()) + spent));
    }
    return phases;
  }

  public boolean running() {
    return !workflow.status().ended(); // a paused workflow has not ended either
  }

  /**
   * The phase of {@code entry}, as the current entry or the line that closed it says; null if
   * neither.
   */
  public String phaseOf(int entry) {
    if (current != null && current.entry() == entry) {
      return current.phase();
    }
    int[] entries = closedEntries();
    for (int i = 0; i < entries.length; i++) {
      if (entries[i] == entry) {
        return history.get(i).from();
      }
    }
    return null;
  }

  /** The phase it is in now; null once finished. */
  public String currentPhase() {
    return running() ? workflow.phase() : null;
  }
}
