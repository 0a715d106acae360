package io.phaseflow.engine.redis;

import io.phaseflow.engine.state.AttemptSteps.Deadline;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, purely, how dispatched attempts' deadlines are stored: a run of consecutive jobs armed
 * together at their first attempt with one deadline becomes one member {@code gFIRST-LAST} of the
 * deadline set instead of one per job (a sorted-set member costs about 100 bytes: 100,000 members
 * would double a wide entry's footprint). unfold.lua turns a run back into one member per attempt
 * still current when its deadline comes. An attempt that heartbeats keeps a member of its own,
 * which each heartbeat moves. Thread-safe.
 */
final class DeadlineRuns {
  /** The most jobs a run stands for: what unfolding it reads at once. */
  static final int MAX_RUN = 64;

  /** Shorter runs stay one member per attempt: a run saves nothing there. */
  static final int MIN_RUN = 4;

  private DeadlineRuns() {}

  /** A member to arm: a job index, or a run {@code gFIRST-LAST}, with its attempt and deadline. */
  record Armed(String job, int attempt, long at) {}

  static List<Armed> of(List<Deadline> deadlines) {
    List<Armed> out = new ArrayList<>();
    int i = 0;
    while (i < deadlines.size()) {
      int end = i + 1;
      while (end < deadlines.size() && end - i < MAX_RUN && continues(deadlines, end)) {
        end++;
      }
      Deadline first = deadlines.get(i);
      if (end - i >= MIN_RUN && first.attempt() == 1 && !first.heartbeats()) {
        out.add(new Armed(run(first.job(), deadlines.get(end - 1).job()), 1, first.at()));
      } else {
        for (int k = i; k < end; k++) {
          Deadline d = deadlines.get(k);
          out.add(new Armed(Integer.toString(d.job()), d.attempt(), d.at()));
        }
      }
      i = end;
    }
    return out;
  }

  /** Whether deadline {@code k} continues the run of the one before it. */
  private static boolean continues(List<Deadline> deadlines, int k) {
    Deadline before = deadlines.get(k - 1);
    Deadline d = deadlines.get(k);
    return before.attempt() == 1
        && d.attempt() == 1
        && !before.heartbeats()
        && !d.heartbeats()
        && d.job() == before.job() + 1
        && d.at() == before.at();
  }

  static String run(int first, int last) {
    return RedisLayout.DEADLINE_RUN + first + "-" + last;
  }

  /** Whether a deadline set's member {@code ID|ENTRY|JOB|ATTEMPT} names a run. */
  static boolean isRun(String member) {
    int job = member.indexOf('|', member.indexOf('|') + 1) + 1;
    return member.startsWith(RedisLayout.DEADLINE_RUN, job);
  }
}
