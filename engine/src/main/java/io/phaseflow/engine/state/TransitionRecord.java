package io.phaseflow.engine.state;

import java.util.List;
import java.util.Map;

/**
 * One line of a workflow's history: a phase entry ended and the workflow moved on, or a person
 * acted on the workflow (pause, resume, cancel, redrive: then {@code by} and {@code note} say who
 * and why).
 *
 * @param from the phase that ended; null for the workflow's start
 * @param to the phase entered; null when the workflow finished
 * @param reason why the line was written
 * @param error the first failure of the entry (job, handler and message), when it failed
 * @param enteredAt when {@code from} was entered (epoch ms)
 * @param at when this transition happened (epoch ms)
 * @param jobs how the entry's jobs ended
 * @param byHandler the same per handler name
 * @param retried the entry's job attempts that failed and were tried again
 * @param by who took a control action, e.g. {@code alice} or {@code api 10.0.0.7}; null otherwise
 * @param note why, as they said; null when not said
 */
public record TransitionRecord(
    String from,
    String to,
    TransitionReason reason,
    String error,
    long enteredAt,
    long at,
    JobCounts jobs,
    Map<String, JobCounts> byHandler,
    List<RetriedAttempt> retried,
    String by,
    String note) {

  public TransitionRecord {
    byHandler = Map.copyOf(byHandler);
    retried = List.copyOf(retried);
  }

  /** A line the engine wrote, without retried attempts. */
  public TransitionRecord(
      String from,
      String to,
      TransitionReason reason,
      String error,
      long enteredAt,
      long at,
      JobCounts jobs,
      Map<String, JobCounts> byHandler) {
    this(from, to, reason, error, enteredAt, at, jobs, byHandler, List.of());
  }

  /** A line the engine wrote (no person's action). */
  public TransitionRecord(
      String from,
      String to,
      TransitionReason reason,
      String error,
      long enteredAt,
      long at,
      JobCounts jobs,
      Map<String, JobCounts> byHandler,
      List<RetriedAttempt> retried) {
    this(from, to, reason, error, enteredAt, at, jobs, byHandler, retried, null, null);
  }

  /**
   * The line of a person's control action on a workflow in {@code phase}.
   *
   * @param to where it goes: {@code phase} for a pause or resume, null for a cancel, the phase
   *     re-entered for a redrive
   */
  public static TransitionRecord control(
      ControlAction action, String phase, String to, String by, String note, long at) {
    return new TransitionRecord(
        phase, to, action.reason(), null, at, at, JobCounts.NONE, Map.of(), List.of(), by, note);
  }

  /**
   * A workflow's first history line: it started in {@code phase} at {@code at}. The one place it is
   * built; stores derive it on read rather than store it.
   */
  public static TransitionRecord started(String phase, long at) {
    return new TransitionRecord(
        null, phase, TransitionReason.STARTED, null, at, at, JobCounts.NONE, Map.of());
  }

  /** Milliseconds spent in {@code from}. */
  public long durationMillis() {
    return at - enteredAt;
  }
}
