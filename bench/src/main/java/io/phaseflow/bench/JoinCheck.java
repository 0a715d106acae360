package io.phaseflow.bench;

import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.JobStatus;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Whether a join workflow ran exactly, from what the engine's read API gives back: it succeeded,
 * its fan entry closed once with every job succeeded at its first attempt, and the final phase was
 * entered once after it. Pure.
 */
final class JoinCheck {
  private JoinCheck() {}

  /** One workflow's verdict: jobs that succeeded exactly once, and what was wrong, if anything. */
  record Verdict(int succeededOnce, List<String> problems) {
    Verdict {
      problems = List.copyOf(problems);
    }
  }

  /**
   * Jobs that succeeded exactly once: status SUCCEEDED at attempt 1 with no retried attempt, each
   * index counted once, its payload its own index (the enumeration's numbering).
   */
  static int succeededOnce(List<JobRecord> jobs) {
    BitSet seen = new BitSet();
    int count = 0;
    for (JobRecord j : jobs) {
      int index = j.spec().index();
      boolean once =
          j.status() == JobStatus.SUCCEEDED
              && j.attempt() == 1
              && j.retried().isEmpty()
              && j.spec().payload() != null
              && j.spec().payload().isIntegralNumber()
              && j.spec().payload().intValue() == index;
      if (once && index >= 0 && !seen.get(index)) {
        seen.set(index);
        count++;
      }
    }
    return count;
  }

  /**
   * @param fan entry 1 (the fan phase), empty when missing
   * @param last entry 2 (the final phase), empty when missing
   * @param extra entry 3, which must not exist
   */
  static Verdict check(
      String workflowId,
      int expectedJobs,
      Optional<WorkflowRecord> workflow,
      Optional<EntryRecord> fan,
      List<JobRecord> fanJobs,
      Optional<EntryRecord> last,
      Optional<EntryRecord> extra) {
    List<String> problems = new ArrayList<>();
    String at = "workflow " + workflowId + ": ";
    if (workflow.isEmpty()) {
      problems.add(at + "not found");
    } else if (workflow.get().status() != WorkflowStatus.SUCCEEDED) {
      problems.add(at + "ended " + workflow.get().status());
    }
    if (fan.isEmpty()) {
      problems.add(at + "its fan entry (1) is missing");
    } else if (!fan.get().closed() || fan.get().failed()) {
      problems.add(
          at
              + "its fan entry is "
              + (fan.get().closed() ? "closed with error " + fan.get().error() : "still open"));
    }
    int once = succeededOnce(fanJobs);
    if (once != expectedJobs || fanJobs.size() != expectedJobs) {
      problems.add(
          at
              + once
              + " of "
              + expectedJobs
              + " jobs succeeded exactly once ("
              + fanJobs.size()
              + " jobs stored)");
    }
    if (last.isEmpty() || !last.get().phase().equals(JoinWorkload.DONE)) {
      problems.add(at + "entry 2 is not the final phase '" + JoinWorkload.DONE + "'");
    }
    extra.ifPresent(e -> problems.add(at + "entered a third phase: " + e.phase()));
    return new Verdict(once, problems);
  }
}
