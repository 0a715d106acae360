package io.phaseflow.engine.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.phaseflow.engine.plan.JobSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, purely, what a redrive of a failed workflow runs again: the entry whose jobs failed, and
 * which of that entry's jobs keep their outputs instead of running again.
 */
public final class RedriveRules {
  private RedriveRules() {}

  /**
   * The entry to enter again: the one the workflow's last error edge was taken from, when it
   * entered its last phase through one; else the last entry, when it failed (no error edge out of
   * it); else the last failed entry before it (an error edge taken earlier made the ending a
   * failure). Empty when no entry failed (the workflow stopped at its transition limit).
   *
   * @param entries the workflow's entries, first to last
   */
  public static Optional<EntryRecord> target(List<EntryRecord> entries) {
    int n = entries.size();
    if (n == 0) {
      return Optional.empty();
    }
    if (n >= 2 && entries.get(n - 2).failed()) {
      return Optional.of(entries.get(n - 2));
    }
    for (int i = n - 1; i >= 0; i--) {
      if (entries.get(i).failed()) {
        return Optional.of(entries.get(i));
      }
    }
    return Optional.empty();
  }

  /**
   * Outputs by job index of the jobs planned for the new entry that succeeded in the earlier one:
   * the same job (index, name, handler, version, parents and payload) that ended succeeded. Failed
   * and skipped jobs, and jobs the planning changed, run.
   */
  public static Map<Integer, JsonNode> carried(List<JobRecord> earlier, List<JobSpec> planned) {
    Map<Integer, JsonNode> carried = new HashMap<>();
    for (JobSpec spec : planned) {
      int i = spec.index();
      if (i < earlier.size()
          && earlier.get(i).status() == JobStatus.SUCCEEDED
          && same(earlier.get(i).spec(), spec)) {
        JsonNode out = earlier.get(i).output();
        carried.put(i, out == null ? NullNode.getInstance() : out);
      }
    }
    // A for_each gate over outputs expands as its last parent succeeds: when the gate runs again,
    // so must its parents, or it would never expand.
    for (JobSpec spec : planned) {
      if (spec.isGate() && !spec.fanout().expanded() && !carried.containsKey(spec.index())) {
        spec.parents().forEach(carried::remove);
      }
    }
    return carried;
  }

  private static boolean same(JobSpec a, JobSpec b) {
    return a.index() == b.index()
        && a.name().equals(b.name())
        && a.handler().equals(b.handler())
        && a.version() == b.version()
        && a.parents().equals(b.parents())
        && java.util.Objects.equals(
            a.fanout() == null ? null : a.fanout().pointer(),
            b.fanout() == null ? null : b.fanout().pointer())
        && String.valueOf(a.payload()).equals(String.valueOf(b.payload()));
  }
}
