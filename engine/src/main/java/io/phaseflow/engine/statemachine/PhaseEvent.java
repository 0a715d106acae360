package io.phaseflow.engine.statemachine;

/** What ends a phase entry: every job succeeded, or at least one failed. */
public enum PhaseEvent {
  SUCCEEDED,
  FAILED
}
