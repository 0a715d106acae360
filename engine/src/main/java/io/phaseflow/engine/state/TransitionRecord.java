package io.phaseflow.engine.state;

import java.util.List;
import java.util.Map;

/**
 * One line of a workflow's history: a phase entry ended and the workflow moved on.
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
    List<RetriedAttempt> retried) {

  public TransitionRecord {
    byHandler = Map.copyOf(byHandler);
    retried = List.copyOf(retried);
  }

  /** A line without retried attempts. */
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
