package io.phaseflow.engine.state;

import java.util.List;

/**
 * What a control step ({@link WorkflowSteps#control}, {@link WorkflowSteps#redrive}) did.
 *
 * @param result whether it applied
 * @param status the workflow's status after the step (when applied) or as found (when not)
 * @param entry the workflow's current entry as found
 * @param released jobs a resume let go: held while paused, now to dispatch
 * @param entryClosed whether the current entry is closed (a resume then sends its PhaseFinished)
 */
public record Controlled(
    Result result,
    WorkflowStatus status,
    int entry,
    List<JobRecord> released,
    boolean entryClosed) {
  public Controlled {
    released = List.copyOf(released);
  }

  /** How the step compared with what was stored. */
  public enum Result {
    APPLIED,
    /** No such workflow (or it expired). */
    NOT_FOUND,
    /** The action does not apply to the workflow's status: see {@link ControlAction#refusal}. */
    REFUSED,
    /** The workflow moved to another entry since the caller read it: read again and repeat. */
    MOVED
  }

  static Controlled notFound() {
    return new Controlled(Result.NOT_FOUND, null, 0, List.of(), false);
  }
}
