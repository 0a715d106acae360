package io.phaseflow.engine.http;

import io.phaseflow.engine.state.ControlAction;
import io.phaseflow.engine.state.WorkflowRecord;

/**
 * Pauses, resumes, cancels or redrives a workflow, e.g. {@code engine.control()::apply}. Must be
 * thread-safe: requests call it concurrently.
 */
@FunctionalInterface
public interface WorkflowController {
  /** A controller for a server that only shows workflows. */
  WorkflowController NONE =
      (id, action, by, note) -> {
        throw new ApiException(
            405,
            "this server only shows workflows; "
                + action.verb()
                + " them with phaseflow "
                + action.verb()
                + " or an engine's server");
      };

  /**
   * @return the workflow after the action
   * @throws io.phaseflow.engine.PhaseflowException NotFound for an unknown workflow, StateConflict
   *     when the action does not apply to its status, ServerUnavailable when a server failed
   */
  WorkflowRecord apply(String id, ControlAction action, String by, String note);
}
