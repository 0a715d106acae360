package io.phaseflow.engine.state;

/** Where a workflow stands as a whole. */
public enum WorkflowStatus {
  RUNNING,
  SUCCEEDED,
  FAILED;

  /** The transitions a workflow may take, as data; everything else is refused. */
  static final StatusTable<WorkflowStatus> TABLE =
      StatusTable.<WorkflowStatus>builder(WorkflowStatus.class)
          .allow(RUNNING, SUCCEEDED)
          .allow(RUNNING, FAILED)
          .terminal(SUCCEEDED, FAILED)
          .build();

  /** Whether the workflow has ended and will not change any more. */
  public boolean isTerminal() {
    return TABLE.isTerminal(this);
  }
}
