package io.phaseflow.engine.state;

/** Where a workflow stands as a whole. */
public enum WorkflowStatus {
  RUNNING,
  /** Stopped dispatching by a person (see {@link ControlAction#PAUSE}); resumes or is canceled. */
  PAUSED,
  SUCCEEDED,
  /** Ended failed; a redrive runs it again from the phase whose jobs failed. */
  FAILED,
  /** Ended by a person; late job results are dropped. */
  CANCELED;

  /** The transitions a workflow may take, as data; everything else is refused. */
  static final StatusTable<WorkflowStatus> TABLE =
      StatusTable.<WorkflowStatus>builder(WorkflowStatus.class)
          .allow(RUNNING, SUCCEEDED)
          .allow(RUNNING, FAILED)
          .allow(RUNNING, PAUSED)
          .allow(PAUSED, RUNNING)
          .allow(RUNNING, CANCELED)
          .allow(PAUSED, CANCELED)
          .allow(FAILED, RUNNING)
          .terminal(SUCCEEDED, CANCELED)
          .build();

  /** Whether the workflow has ended (its state then expires after the retention period). */
  public boolean ended() {
    return this == SUCCEEDED || this == FAILED || this == CANCELED;
  }
}
