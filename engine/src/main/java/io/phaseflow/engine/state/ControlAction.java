package io.phaseflow.engine.state;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a person can do to a workflow, as data: from which statuses each action applies and where it
 * leaves the workflow. Both stores and every refusal message read this table. Immutable.
 */
public enum ControlAction {
  /** Stop dispatching new jobs; running ones finish and are counted, the phase waits. */
  PAUSE(EnumSet.of(WorkflowStatus.RUNNING), WorkflowStatus.PAUSED, TransitionReason.PAUSED),
  /** Dispatch what a pause held and let the phase move on. */
  RESUME(EnumSet.of(WorkflowStatus.PAUSED), WorkflowStatus.RUNNING, TransitionReason.RESUMED),
  /** End the workflow; late results are dropped. */
  CANCEL(
      EnumSet.of(WorkflowStatus.RUNNING, WorkflowStatus.PAUSED),
      WorkflowStatus.CANCELED,
      TransitionReason.CANCELED),
  /** Run a failed workflow again from the phase whose jobs failed. */
  REDRIVE(EnumSet.of(WorkflowStatus.FAILED), WorkflowStatus.RUNNING, TransitionReason.REDRIVEN);

  private final Set<WorkflowStatus> from;
  private final WorkflowStatus to;
  private final TransitionReason reason;

  ControlAction(Set<WorkflowStatus> from, WorkflowStatus to, TransitionReason reason) {
    this.from = from;
    this.to = to;
    this.reason = reason;
    from.forEach(f -> WorkflowStatus.TABLE.check(f, to, "control action " + name()));
  }

  public Set<WorkflowStatus> from() {
    return EnumSet.copyOf(from);
  }

  public WorkflowStatus to() {
    return to;
  }

  /** The history line's reason. */
  public TransitionReason reason() {
    return reason;
  }

  public boolean allowedFrom(WorkflowStatus status) {
    return from.contains(status);
  }

  /**
   * Why this action does not apply to {@code wf} when the caller expects entry {@code
   * expectedEntry}: refused by its status, or moved on; null when it applies.
   */
  public Controlled refusal(WorkflowRecord wf, int expectedEntry) {
    if (!allowedFrom(wf.status())) {
      return new Controlled(Controlled.Result.REFUSED, wf.status(), wf.entry(), List.of(), false);
    }
    if (wf.entry() != expectedEntry) {
      return new Controlled(Controlled.Result.MOVED, wf.status(), wf.entry(), List.of(), false);
    }
    return null;
  }

  /** The command's name, e.g. {@code pause}. */
  public String verb() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Refuses a redrive where a pause, resume or cancel is meant: a redrive opens an entry, so it is
   * its own step ({@link WorkflowSteps#redrive}).
   */
  public static void checkNotRedrive(ControlAction action) {
    if (action == REDRIVE) {
      throw new IllegalArgumentException(
          "a redrive opens a new entry: take it with WorkflowSteps.redrive, not control");
    }
  }

  /** What can be done to a workflow that stands so, e.g. {@code [RESUME, CANCEL]}. */
  public static Set<ControlAction> possible(WorkflowStatus status) {
    Set<ControlAction> out = EnumSet.noneOf(ControlAction.class);
    for (ControlAction a : values()) {
      if (a.allowedFrom(status)) {
        out.add(a);
      }
    }
    return out;
  }

  /** Why this action does not apply to a workflow that is {@code status}, and what does. */
  public String refusal(String workflowId, WorkflowStatus status) {
    Set<ControlAction> possible = possible(status);
    String s = status.name().toLowerCase(Locale.ROOT);
    return "cannot "
        + verb()
        + " workflow "
        + workflowId
        + ": it is "
        + s
        + "; "
        + verb()
        + " applies to "
        + from.stream().map(f -> f.name().toLowerCase(Locale.ROOT)).sorted().toList()
        + " workflows, and a "
        + s
        + " one "
        + (possible.isEmpty()
            ? "can only be read"
            : "can be "
                + possible.stream()
                    .map(ControlAction::participle)
                    .collect(Collectors.joining(" or ")));
  }

  private String participle() {
    return switch (this) {
      case PAUSE -> "paused";
      case RESUME -> "resumed";
      case CANCEL -> "canceled";
      case REDRIVE -> "redriven";
    };
  }
}
