package io.phaseflow.engine.metrics;

/**
 * What the engine core reports as it runs, in plain values: the core stays free of any metrics
 * library. Each event is reported once per change actually stored, so redelivered messages are not
 * counted twice. Implementations must be thread-safe, fast and must not throw: they are called on
 * the engine's consumer threads.
 */
public interface EngineMetrics {
  /** Reports nothing: the default. */
  EngineMetrics NONE = new EngineMetrics() {};

  /** How a job, a phase entry or a workflow ended. */
  enum Outcome {
    SUCCEEDED,
    FAILED;

    public static Outcome of(boolean succeeded) {
      return succeeded ? SUCCEEDED : FAILED;
    }

    /** The label value: {@code succeeded} or {@code failed}. */
    public String label() {
      return this == SUCCEEDED ? "succeeded" : "failed";
    }
  }

  /** A new workflow of {@code definition} was stored in its first phase. */
  default void workflowStarted(String definition) {}

  /**
   * A job's end was recorded (retried attempts and stale or repeated ends are not reported).
   *
   * @param durationMillis how long its handler worked on it
   */
  default void jobEnded(String handler, Outcome outcome, long durationMillis) {}

  /**
   * A workflow left phase {@code from}.
   *
   * @param to the phase entered, or null when the workflow finished
   * @param reason how {@code from}'s entry ended
   * @param phaseMillis how long the workflow was in {@code from}
   */
  default void transitioned(
      String definition, String from, String to, Outcome reason, long phaseMillis) {}

  /** An attempt of one of {@code handler}'s jobs passed its deadline and was failed or retried. */
  default void jobTimedOut(String handler) {}

  /**
   * A job of {@code handler} was not dispatched yet: its handler's limit (concurrency or rate) was
   * reached, so it waits in the due set and asks again.
   */
  default void jobDeferred(String handler) {}

  /** A job of {@code handler} will run again, after {@code delayMillis} of backoff. */
  default void jobRetried(String handler, long delayMillis) {}

  /**
   * A result of one of {@code handler}'s jobs was rejected: its attempt was no longer current (it
   * timed out or was superseded), so it could not complete the job twice.
   */
  default void staleResult(String handler) {}

  /** A workflow of {@code definition} ended. */
  default void workflowFinished(String definition, Outcome status) {}

  /** A person applied a control action (pause, resume, cancel, redrive) to a workflow. */
  default void controlled(String definition, String action) {}
}
