package io.phaseflow.engine.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.StateConflict;
import io.phaseflow.engine.state.JobOutputs;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import java.util.List;
import java.util.Locale;

/**
 * What an ended workflow produced: the outputs of its last phase entry that ran jobs, shaped as a
 * phase's next entry reads them ({@link JobOutputs}). For a phase graph that is {@code {"Handler":
 * [output per job]}} of its final phase (or of the last phase with handlers before it); for a task
 * DAG {@code {"task": output}} of its tasks, in task order. A failed job stands as {@code {"error":
 * ..., "job": N}}. Pure.
 *
 * @param workflow the workflow
 * @param entry the entry whose outputs these are; 0 when no entry ran jobs
 * @param phase that entry's phase; null when none
 * @param value the result: {@code {}} when no entry ran jobs
 */
public record WorkflowResult(WorkflowRecord workflow, int entry, String phase, JsonNode value) {

  /** How a result is keyed. */
  public enum Shape {
    /** {@code {"Handler": [output per job]}}: a phase graph. */
    BY_HANDLER,
    /** {@code {"task": output}}: a task DAG. */
    BY_TASK;

    /**
     * The shape when the definition is not at hand (a workflow run with {@code run --redis}, whose
     * definition was never loaded): by task when a job is named apart from its handler or waits on
     * another job, as only tasks do; a DAG of independent tasks each named as its handler reads as
     * a phase.
     */
    public static Shape guess(List<JobRecord> jobs) {
      return jobs.stream()
              .anyMatch(
                  j -> !j.spec().parents().isEmpty() || !j.spec().name().equals(j.spec().handler()))
          ? BY_TASK
          : BY_HANDLER;
    }
  }

  /**
   * The result of the workflow {@code view} shows.
   *
   * @param jobs the jobs of {@code view.lastEntryWithJobs()}
   * @param shape how to key them
   * @throws StateConflict while the workflow runs or is paused: it has no result until it ends
   */
  public static WorkflowResult of(WorkflowView view, List<JobRecord> jobs, Shape shape) {
    WorkflowRecord wf = view.workflow();
    if (view.running()) {
      throw new StateConflict(notYet(view));
    }
    int entry = view.lastEntryWithJobs();
    if (entry == 0) {
      return new WorkflowResult(wf, 0, null, JsonNodeFactory.instance.objectNode());
    }
    JsonNode value = shape == Shape.BY_TASK ? JobOutputs.byTask(jobs) : JobOutputs.byHandler(jobs);
    return new WorkflowResult(wf, entry, view.phaseOf(entry), value);
  }

  /**
   * {@code workflow w1 is still running in phase 'work' (entry 2): it has a result once it has
   * ended; ask again then}.
   */
  static String notYet(WorkflowView view) {
    WorkflowRecord wf = view.workflow();
    String where =
        wf.phase() == null
            ? "before its first phase"
            : "in phase '" + wf.phase() + "' (entry " + wf.entry() + ")";
    String status = wf.status().name().toLowerCase(Locale.ROOT);
    return "workflow "
        + wf.id()
        + " is "
        + (wf.status() == WorkflowStatus.RUNNING ? "still running" : status)
        + " "
        + where
        + ": it has a result only once it has ended (succeeded, failed or canceled); "
        + (wf.status() == WorkflowStatus.PAUSED
            ? "resume it, then ask again when it has ended"
            : "ask again when it has ended");
  }
}
