package io.phaseflow.cli.print;

import com.fasterxml.jackson.databind.node.NullNode;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.JobCounts;
import io.phaseflow.engine.state.TransitionReason;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import java.time.Instant;
import java.util.Map;

/** Stored records built by hand, for the printer tests: times are T0 plus milliseconds. */
final class Records {
  static final long T0 = Instant.parse("2024-05-01T18:31:38.000Z").toEpochMilli();

  private Records() {}

  static JobCounts ok(int n) {
    return new JobCounts(n, n, 0, 0);
  }

  static JobCounts counts(int total, int succeeded, int failed, int skipped) {
    return new JobCounts(total, succeeded, failed, skipped);
  }

  static TransitionRecord started(String to) {
    return new TransitionRecord(
        null, to, TransitionReason.STARTED, null, T0, T0, JobCounts.NONE, Map.of());
  }

  static TransitionRecord moved(
      String from, String to, long enteredMs, long atMs, Map<String, JobCounts> byHandler) {
    return moved(from, to, TransitionReason.SUCCEEDED, null, enteredMs, atMs, byHandler);
  }

  static TransitionRecord moved(
      String from,
      String to,
      TransitionReason reason,
      String error,
      long enteredMs,
      long atMs,
      Map<String, JobCounts> byHandler) {
    JobCounts all = sum(byHandler);
    return new TransitionRecord(from, to, reason, error, T0 + enteredMs, T0 + atMs, all, byHandler);
  }

  static WorkflowRecord workflow(
      String id, String phase, int entry, WorkflowStatus status, long updatedMs) {
    return new WorkflowRecord(
        id, "search", 1, NullNode.getInstance(), phase, entry, status, false, T0, T0 + updatedMs);
  }

  static EntryRecord entry(
      int entry, String phase, long openedMs, String error, Map<String, JobCounts> byHandler) {
    JobCounts all = sum(byHandler);
    return new EntryRecord(entry, phase, T0 + openedMs, 0, error, all, byHandler);
  }

  static JobCounts sum(Map<String, JobCounts> byHandler) {
    JobCounts all = JobCounts.NONE;
    for (JobCounts c : byHandler.values()) {
      all =
          new JobCounts(
              all.total() + c.total(),
              all.succeeded() + c.succeeded(),
              all.failed() + c.failed(),
              all.skipped() + c.skipped());
    }
    return all;
  }
}
