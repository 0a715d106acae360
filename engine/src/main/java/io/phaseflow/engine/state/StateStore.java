package io.phaseflow.engine.state;

import io.phaseflow.handlers.JobResult;
import java.util.List;
import java.util.Optional;

/**
 * Where workflow state lives: in memory for the embedded mode, Redis for a cluster. Every method is
 * one atomic, idempotent step keyed by workflow, entry, job and attempt, so a redelivered message,
 * a second engine or a crash never double-counts a job or records a transition twice.
 * Implementations are thread-safe.
 */
public interface StateStore extends AutoCloseable {
  /** How long a finished workflow stays readable, unless configured otherwise. */
  java.time.Duration DEFAULT_RETENTION = java.time.Duration.ofDays(7);

  /**
   * Creates a workflow already in its first entry, in one atomic step, so that a failure leaves
   * either nothing or a workflow that runs: {@code workflow} with entry 0 is stored as entry 1 in
   * {@code first}'s phase, with the start as its first history line.
   *
   * @return false when a workflow with that id exists (a repeat): nothing changed
   */
  boolean start(WorkflowRecord workflow, NewEntry first);

  Optional<WorkflowRecord> workflow(String workflowId);

  /**
   * Moves a workflow on, compare-and-set: only if it is running and its current entry is {@code
   * expectedEntry}. Appends {@code record} to the history and either opens {@code next} (making
   * jobs without parents ready) or, when {@code next} is null, ends the workflow with {@code
   * finalStatus}.
   *
   * @return false when the workflow had already moved on (a duplicate): nothing changed
   */
  boolean advance(
      String workflowId,
      int expectedEntry,
      TransitionRecord record,
      NewEntry next,
      boolean viaError,
      WorkflowStatus finalStatus);

  Optional<EntryRecord> entry(String workflowId, int entry);

  /**
   * Each workflow's current entry (its last, once finished), in order; empty for a workflow before
   * its first entry or whose entry expired. One round trip in Redis, whatever the number: what a
   * listing page needs to show progress.
   */
  default List<Optional<EntryRecord>> currentEntries(List<WorkflowRecord> workflows) {
    return workflows.stream()
        .map(wf -> wf.entry() == 0 ? Optional.<EntryRecord>empty() : entry(wf.id(), wf.entry()))
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
   * Records the end of one attempt of a job. A success makes children whose parents all succeeded
   * ready; a failure skips every job below it. The ending that leaves no job open closes the entry.
   *
   * @param label how the entry's first error names the job, e.g. {@code job 3 (Resize)}: the caller
   *     has it, so recording a failure reads nothing first
   * @param at epoch ms of the end
   */
  Completion complete(
      String workflowId, int entry, int job, int attempt, JobResult result, String label, long at);

  /**
   * Starts attempt {@code attempt + 1} of a ready job, compare-and-set on its current attempt.
   *
   * @return false when the attempt was not current (a duplicate failure): nothing changed
   */
  boolean retry(String workflowId, int entry, int job, int attempt);

  /**
   * Workflows newest first, filtered and paged. Reads an index kept as workflows start and end,
   * never every key: a page costs the same with a hundred workflows or a million. Lists finished
   * workflows created within the retention period.
   */
  WorkflowPage list(WorkflowQuery query);

  /** The workflow's transitions, oldest first. */
  List<TransitionRecord> history(String workflowId);

  @Override
  void close();
}
