package io.phaseflow.engine.state;

/** How the jobs of a phase entry (or of one handler in it) ended. */
public record JobCounts(int total, int succeeded, int failed, int skipped) {
  public static final JobCounts NONE = new JobCounts(0, 0, 0, 0);

  /** Jobs not yet ended. */
  public int open() {
    return total - succeeded - failed - skipped;
  }

  /** These counts with one more job that ended as {@code status} (or is still open). */
  public JobCounts plus(JobStatus status) {
    return switch (status) {
      case SUCCEEDED -> new JobCounts(total + 1, succeeded + 1, failed, skipped);
      case FAILED -> new JobCounts(total + 1, succeeded, failed + 1, skipped);
      case SKIPPED -> new JobCounts(total + 1, succeeded, failed, skipped + 1);
      default -> new JobCounts(total + 1, succeeded, failed, skipped);
    };
  }
}
