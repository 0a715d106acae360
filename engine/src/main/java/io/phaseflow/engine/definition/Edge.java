package io.phaseflow.engine.definition;

/**
 * One transition of a phase graph: the only edge type, used by the run-time transition table, the
 * state machine cross-check, the CLI graph and the dashboard.
 *
 * @param from the phase whose entry closed
 * @param to the phase entered next
 * @param kind which outcome of {@code from} it follows
 */
public record Edge(String from, String to, Kind kind) {

  /** Which outcome of a phase an edge follows. */
  public enum Kind {
    /** {@code transitions_to}: every job succeeded. */
    NEXT,
    /** {@code on_error_transition_to}: a job failed. */
    ERROR
  }
}
