package io.phaseflow.engine.state;

/** Where one job (a DAG node of a phase entry) stands. */
public enum JobStatus {
  /** Some parent has not succeeded yet. */
  WAITING,
  /** Dispatched to its handler queue (again, after a retryable failure). */
  READY,
  SUCCEEDED,
  FAILED,
  /** Never run, because a job it depends on failed. */
  SKIPPED;

  /** The transitions a job may take, as data; everything else is refused. */
  static final StatusTable<JobStatus> TABLE =
      StatusTable.<JobStatus>builder(JobStatus.class)
          .allow(WAITING, READY)
          .allow(WAITING, SKIPPED)
          .allow(WAITING, SUCCEEDED) // a for_each gate whose elements all succeeded
          .allow(WAITING, FAILED) // a for_each gate whose pointer selected no array
          .allow(READY, READY)
          .allow(READY, SUCCEEDED)
          .allow(READY, FAILED)
          .terminal(SUCCEEDED, FAILED, SKIPPED)
          .build();

  /** Whether the job will not change any more. */
  public boolean isTerminal() {
    return TABLE.isTerminal(this);
  }
}
