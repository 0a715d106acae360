package io.phaseflow.engine.state;

import io.phaseflow.handlers.JobResult;
import java.util.List;

/**
 * The steps the engine takes on a workflow's state. Each is one atomic, idempotent step keyed by
 * workflow, entry, job and attempt, so a redelivered message, a second engine or a crash never
 * double-counts a job or records a transition twice; each says what it did as a typed outcome.
 * Implementations are thread-safe.
 */
public interface WorkflowSteps {

  /** What {@link #start} did. */
  enum Started {
    /** The workflow was created in its first entry. */
    STARTED,
    /** A workflow with that id exists (a repeat): nothing changed. */
    ALREADY_EXISTS
  }

  /** What {@link #advance} did. */
  enum Advanced {
    /** The workflow moved on. */
    ADVANCED,
    /** The workflow had already moved on or ended (a duplicate): nothing changed. */
    ALREADY_MOVED
  }

  /** What {@link #retry} did. */
  enum Retried {
    /** The job's next attempt started. */
    RETRIED,
    /** The attempt was not current (a duplicate or late failure): nothing changed. */
    NOT_CURRENT
  }

  /**
   * Creates a workflow already in its first entry, in one atomic step, so that a failure leaves
   * either nothing or a workflow that runs: {@code workflow} with entry 0 is stored as entry 1 in
   * {@code first}'s phase, with {@link TransitionRecord#started} as its first history line. The
   * workflow is listed from this step on.
   */
  Started start(WorkflowRecord workflow, NewEntry first);

  /**
   * Moves a workflow on, compare-and-set: only if it is running and its current entry is {@code
   * expectedEntry}. Appends {@code record} to the history and either opens {@code next} (making
   * jobs without parents ready) or, when {@code next} is null, ends the workflow with {@code
   * finalStatus} (and lists it under that status in the same step).
   */
  Advanced advance(
      String workflowId,
      int expectedEntry,
      TransitionRecord record,
      NewEntry next,
      boolean viaError,
      WorkflowStatus finalStatus);

  /**
   * Records the end of one attempt of a job. A success makes children whose parents all succeeded
   * ready; a failure skips every job below it and, when it is the entry's first, stores {@link
   * EntryRecord#firstError}. The ending that leaves no job open closes the entry.
   *
   * <p>A task's {@code for_each} gate ({@link io.phaseflow.engine.plan.Fanout}) whose last open
   * parent this success is expands in this same step: its element jobs ({@link
   * io.phaseflow.engine.plan.TaskFanout}, from its sources' outputs) are appended ready and
   * returned, and the gate waits for them; a repeat of the completion does not expand again (it
   * returns the still-ready elements). A gate succeeds, with its elements' outputs in order, as the
   * last of them (or of its parents) succeeds.
   *
   * @param label how the entry's first error names the job, e.g. {@code job 3 (Resize)}: the caller
   *     has it, so recording a failure reads nothing first
   * @param startedAt epoch ms the attempt started (as its handler reported), 0 when unknown
   * @param at epoch ms of the end
   */
  Completion complete(
      String workflowId,
      int entry,
      int job,
      int attempt,
      JobResult result,
      String label,
      long startedAt,
      long at);

  /** {@link #complete(String, int, int, int, JobResult, String, long, long)}, start unknown. */
  default Completion complete(
      String workflowId, int entry, int job, int attempt, JobResult result, String label, long at) {
    return complete(workflowId, entry, job, attempt, result, label, 0, at);
  }

  /**
   * Records the ends of several jobs of one entry (a batch's results), each exactly as {@link
   * #complete} records one, in order: a repeat within the batch is a DUPLICATE, an end of an
   * attempt that is no longer current is STALE, and only the ending that leaves no job open closes
   * the entry. A backend takes them in as few round trips as it can (one entry is one slot).
   *
   * @return each end's completion, in the order of {@code ends}
   */
  List<Completion> completeAll(String workflowId, int entry, List<JobEnd> ends);

  /** One job's end in {@link #completeAll}: {@link #complete}'s arguments. */
  record JobEnd(int job, int attempt, JobResult result, String label, long startedAt, long at) {}

  /** Starts attempt {@code attempt + 1} of a ready job, compare-and-set on its current attempt. */
  Retried retry(String workflowId, int entry, int job, int attempt);

  /**
   * A person's pause, resume or cancel, compare-and-set: only if the workflow's status is one the
   * action applies to ({@link ControlAction#from}) and its current entry is {@code expectedEntry}.
   * Appends {@code line} to the history. A pause makes {@link #complete} hold the jobs it makes
   * ready and {@link #advance} refuse; a resume returns what was held and whether the current entry
   * closed meanwhile; a cancel ends the workflow (it expires after the retention, and {@link
   * #complete} drops late results). The listing index moves in the same step.
   */
  Controlled control(
      String workflowId, ControlAction action, int expectedEntry, TransitionRecord line);

  /**
   * Runs a failed workflow again, compare-and-set on its status and current entry: appends {@code
   * line}, opens {@code next} (its carried jobs succeeded already), and makes the workflow running
   * again (no expiry, listed as running, error edge taken so far forgotten: the outcome depends on
   * the path from here).
   */
  Controlled redrive(String workflowId, int expectedEntry, TransitionRecord line, NewEntry next);
}
