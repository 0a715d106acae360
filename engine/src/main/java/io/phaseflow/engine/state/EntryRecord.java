package io.phaseflow.engine.state;

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
 */
public record EntryRecord(
    int entry,
    String phase,
    long openedAt,
    long closedAt,
    String error,
    JobCounts jobs,
    Map<String, JobCounts> byHandler) {

  public boolean closed() {
    return closedAt != 0;
  }

  public boolean failed() {
    return error != null;
  }
}
