package io.phaseflow.engine.state;

import java.util.List;
import java.util.Optional;

/**
 * What the CLI, the HTTP API, the dashboard and inspection read of workflow state. Reads change
 * nothing and repair nothing: every step keeps what they read right. Implementations are
 * thread-safe.
 */
public interface WorkflowReads {

  Optional<WorkflowRecord> workflow(String workflowId);

  Optional<EntryRecord> entry(String workflowId, int entry);

  /**
   * Each workflow's current entry (its last, once finished), in order; empty for a workflow before
   * its first entry or whose entry expired. One round trip in Redis, whatever the number: what a
   * listing page needs to show progress.
   */
  default List<Optional<EntryRecord>> currentEntries(List<WorkflowRecord> workflows) {
    return entries(workflows, WorkflowRecord::entry);
  }

  /**
   * Entry {@code which(wf)} of each workflow, in order; empty where that is 0 or the entry does not
   * exist (any more). One round trip in Redis, whatever the number.
   */
  default List<Optional<EntryRecord>> entries(
      List<WorkflowRecord> workflows, java.util.function.ToIntFunction<WorkflowRecord> which) {
    return workflows.stream()
        .map(
            wf -> {
              int n = which.applyAsInt(wf);
              return n == 0 ? Optional.<EntryRecord>empty() : entry(wf.id(), n);
            })
        .toList();
  }

  /**
   * A workflow with one of its entries and the entry's jobs, read at once; empty when the workflow
   * or that entry does not exist (any more).
   */
  default Optional<EntrySnapshot> snapshot(String workflowId, int entry) {
    return workflow(workflowId)
        .flatMap(
            wf ->
                entry(workflowId, entry)
                    .map(e -> new EntrySnapshot(wf, e, jobs(workflowId, entry))));
  }

  /** One job of an entry. */
  Optional<JobRecord> job(String workflowId, int entry, int job);

  /** Every job of an entry, by index. */
  List<JobRecord> jobs(String workflowId, int entry);

  /**
   * Workflows newest first, filtered and paged. Reads an index the steps keep, never every key: a
   * page costs the same with a hundred workflows or a million. Lists finished workflows created
   * within the retention period.
   */
  WorkflowPage list(WorkflowQuery query);

  /** The workflow's transitions, oldest first, starting with {@link TransitionRecord#started}. */
  List<TransitionRecord> history(String workflowId);
}
