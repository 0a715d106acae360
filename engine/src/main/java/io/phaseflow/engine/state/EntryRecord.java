package io.phaseflow.engine.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry into a phase: the barrier over its jobs.
 *
 * @param entry the entry number
 * @param phase the phase entered
 * @param openedAt epoch ms
 * @param closedAt epoch ms, 0 while open
 * @param error the first failure (job, handler, message), null when none
 * @param jobs how its jobs stand
 * @param byHandler the same per handler
 * @param retried its jobs' attempts that failed and were tried again, by job then attempt
 */
public record EntryRecord(
    int entry,
    String phase,
    long openedAt,
    long closedAt,
    String error,
    JobCounts jobs,
    Map<String, JobCounts> byHandler,
    List<RetriedAttempt> retried) {

  public EntryRecord {
    retried = List.copyOf(retried);
  }

  /** An entry whose jobs were never retried. */
  public EntryRecord(
      int entry,
      String phase,
      long openedAt,
      long closedAt,
      String error,
      JobCounts jobs,
      Map<String, JobCounts> byHandler) {
    this(entry, phase, openedAt, closedAt, error, jobs, byHandler, List.of());
  }

  /** An entry's record, its counts summed from its jobs: the one place counts are derived. */
  public static EntryRecord of(
      int entry, String phase, long openedAt, long closedAt, String error, List<JobRecord> jobs) {
    JobCounts all = JobCounts.NONE;
    Map<String, JobCounts> byHandler = new LinkedHashMap<>();
    List<RetriedAttempt> retried = new java.util.ArrayList<>();
    for (JobRecord j : jobs) {
      retried.addAll(j.retried());
      all = all.plus(j.status());
      byHandler.put(
          j.spec().handler(),
          byHandler.getOrDefault(j.spec().handler(), JobCounts.NONE).plus(j.status()));
    }
    return new EntryRecord(entry, phase, openedAt, closedAt, error, all, byHandler, retried);
  }

  /**
   * The error an entry records for its first failed job, e.g. {@code job 3 (Resize): disk full}:
   * the one place it is built (the Redis store passes it to its script as data).
   */
  public static String firstError(String label, String error) {
    return label + ": " + error;
  }

  public boolean closed() {
    return closedAt != 0;
  }

  public boolean failed() {
    return error != null;
  }
}
