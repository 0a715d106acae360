package io.phaseflow.engine.transport;

import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.handlers.protocol.Messages;

/**
 * What a bus does with a delivery whose consumer threw; the same decision on every bus, so it is
 * made here, purely, and the buses only carry it out.
 *
 * <ul>
 *   <li>{@link Messages.MalformedMessageException}: the message can never be processed; to the dead
 *       letters at once, with the exception's message as the reason.
 *   <li>a retryable {@link PhaseflowException} (a server down, a publish not confirmed): delivered
 *       again, for as long as the outage lasts; not counted.
 *   <li>anything else (a bug, such as a NullPointerException from a message that passed
 *       validation): delivered again, counted, and dead-lettered with the exception as the reason
 *       once {@link #MAX_FAILURES} deliveries failed, instead of looping for ever.
 * </ul>
 *
 * @param kind what to do
 * @param failures the counted failures after this one
 * @param reason why, when dead-lettering
 * @param reasonClass when dead-lettering, {@link #UNPROCESSABLE} or {@link #CONSUMER_FAILED} (a
 *     metric label: few values)
 */
record FailedDelivery(FailedDelivery.Kind kind, int failures, String reason, String reasonClass) {
  /** The class of a dead letter that can never be processed as it is (malformed, unknown). */
  static final String UNPROCESSABLE = "unprocessable";

  /** The class of a dead letter whose consumer failed on it {@link #MAX_FAILURES} times. */
  static final String CONSUMER_FAILED = "consumer-failed";

  /**
   * Deliveries that may fail with an unexpected exception before the message is dead-lettered:
   * enough to ride out a race that resolves itself, few enough (about a second of retries) that a
   * message that breaks its consumer stops costing work and log lines quickly.
   */
  static final int MAX_FAILURES = 10;

  /** The message header holding the counted failures of a delivery that is being retried. */
  static final String FAILURES_HEADER = "x-phaseflow-failures";

  /** What to do with the delivery. */
  enum Kind {
    DEAD_LETTER,
    /** Hand it back to the queue as it is. */
    REDELIVER,
    /** Put it back on the queue with its failure count raised. */
    REDELIVER_COUNTED
  }

  static FailedDelivery decide(Exception e, int failuresBefore) {
    if (e instanceof Messages.MalformedMessageException) {
      return new FailedDelivery(
          Kind.DEAD_LETTER, failuresBefore, String.valueOf(e.getMessage()), UNPROCESSABLE);
    }
    if (e instanceof PhaseflowException p && p.retryable()) {
      return new FailedDelivery(Kind.REDELIVER, failuresBefore, null, null);
    }
    int failures = failuresBefore + 1;
    if (failures < MAX_FAILURES) {
      return new FailedDelivery(Kind.REDELIVER_COUNTED, failures, null, null);
    }
    return new FailedDelivery(
        Kind.DEAD_LETTER,
        failures,
        "failed " + failures + " deliveries, the last with " + describe(e),
        CONSUMER_FAILED);
  }

  /** The count a failures header holds: 0 when absent or not a count. */
  static int failures(Object header) {
    int n = 0;
    if (header instanceof Number number) {
      n = number.intValue();
    } else if (header != null) {
      try {
        n = Integer.parseInt(header.toString());
      } catch (NumberFormatException e) {
        n = 0;
      }
    }
    return Math.max(0, n);
  }

  /** The exception and where it was thrown: what a developer needs to find the bug. */
  private static String describe(Exception e) {
    StackTraceElement[] trace = e.getStackTrace();
    return trace.length == 0 ? e.toString() : e + " at " + trace[0];
  }
}
