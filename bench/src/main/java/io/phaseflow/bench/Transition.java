package io.phaseflow.bench;

import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.JobRecord;
import java.util.List;

/**
 * One phase transition of a workflow, as epoch milliseconds (one clock: the handler process and the
 * engine run on the same machine).
 *
 * @param finished when the last of the left entry's jobs finished: the latest end its handler
 *     reported (the entry's close when none did)
 * @param stored the transition's time, the next entry's opening: the engine takes it just before it
 *     stores the move
 * @param published when the next entry's jobs were published (confirmed by the broker); -1 unknown
 */
record Transition(long finished, long stored, long published) {

  static Transition of(
      List<JobRecord> leftJobs, EntryRecord left, EntryRecord next, long published) {
    long finished = 0;
    for (JobRecord j : leftJobs) {
      finished = Math.max(finished, j.endedAt());
    }
    return new Transition(finished == 0 ? left.closedAt() : finished, next.openedAt(), published);
  }

  boolean wasPublished() {
    return published >= 0;
  }

  /** Last job finished to the next phase's jobs published, the figure. */
  long total() {
    return Math.max(0, published - finished);
  }

  /** Hop 1: last job finished to the transition's time (results in, PhaseFinished, decision). */
  long toStored() {
    return Math.max(0, stored - finished);
  }

  /** Hop 2: the transition's time to the next jobs published (store the move, plan, publish). */
  long toPublished() {
    return Math.max(0, published - stored);
  }
}
