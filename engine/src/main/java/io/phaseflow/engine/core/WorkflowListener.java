package io.phaseflow.engine.core;

import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;

/**
 * Told about transitions made by this engine process, after they are stored. Called on engine
 * threads: implementations must be thread-safe and quick.
 */
public interface WorkflowListener {
  WorkflowListener NONE = new WorkflowListener() {};

  /** {@code workflow} moved as {@code transition} says; {@code workflow} is its new state. */
  default void transitioned(WorkflowRecord workflow, TransitionRecord transition) {}

  /** {@code workflow} ended. */
  default void finished(WorkflowRecord workflow) {}
}
