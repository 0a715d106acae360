package io.phaseflow.engine.state;

import io.phaseflow.handlers.JobResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The embedded mode's state: everything in this process's heap, one lock per workflow (so steps on
 * different workflows run in parallel). Thread-safe. Lost when the process exits, by design.
 */
public final class InMemoryStateStore implements StateStore {
  private final Map<String, WorkflowState> workflows = new ConcurrentHashMap<>();

  /** One workflow's state; every access holds its monitor. */
  private static final class WorkflowState {
    WorkflowRecord record;
    final List<TransitionRecord> history = new ArrayList<>();
    final Map<Integer, EntryState> entries = new HashMap<>();

    WorkflowState(WorkflowRecord record) {
      this.record = record;
    }
  }

  @Override
  public boolean create(WorkflowRecord workflow) {
    return workflows.putIfAbsent(workflow.id(), new WorkflowState(workflow)) == null;
  }

  @Override
  public Optional<WorkflowRecord> workflow(String workflowId) {
    return read(workflowId, w -> w.record);
  }

  @Override
  public boolean advance(
      String workflowId,
      int expectedEntry,
      TransitionRecord record,
      NewEntry next,
      boolean viaError,
      WorkflowStatus finalStatus) {
    WorkflowState w = workflows.get(workflowId);
    if (w == null) {
      return false;
    }
    synchronized (w) {
      WorkflowRecord r = w.record;
      if (r.status() != WorkflowStatus.RUNNING || r.entry() != expectedEntry) {
        return false;
      }
      w.history.add(record);
      boolean errorSoFar = r.viaError() || viaError;
      if (next == null) {
        WorkflowStatus.TABLE.check(r.status(), finalStatus, "workflow " + workflowId);
        w.record =
            new WorkflowRecord(
                r.id(),
                r.definition(),
                r.version(),
                r.data(),
                r.phase(),
                r.entry(),
                finalStatus,
                errorSoFar,
                r.createdAt(),
                record.at());
      } else {
        w.entries.put(next.entry(), new EntryState(next, record.at()));
        w.record =
            new WorkflowRecord(
                r.id(),
                r.definition(),
                r.version(),
                r.data(),
                next.phase(),
                next.entry(),
                r.status(),
                errorSoFar,
                r.createdAt(),
                record.at());
      }
      return true;
    }
  }

  @Override
  public Optional<EntryRecord> entry(String workflowId, int entry) {
    return read(workflowId, w -> w.entries.get(entry)).map(EntryState::record);
  }

  @Override
  public List<JobRecord> jobs(String workflowId, int entry) {
    return read(workflowId, w -> w.entries.get(entry)).map(EntryState::jobs).orElse(List.of());
  }

  @Override
  public Optional<JobRecord> job(String workflowId, int entry, int job) {
    List<JobRecord> jobs = jobs(workflowId, entry);
    return job >= 0 && job < jobs.size() ? Optional.of(jobs.get(job)) : Optional.empty();
  }

  @Override
  public Completion complete(
      String workflowId, int entry, int job, int attempt, JobResult result, long at) {
    WorkflowState w = workflows.get(workflowId);
    if (w == null) {
      return new Completion(Completion.Outcome.STALE, List.of(), false);
    }
    synchronized (w) {
      EntryState e = w.entries.get(entry);
      if (e == null) {
        return new Completion(Completion.Outcome.STALE, List.of(), false);
      }
      return e.complete(job, attempt, result, at);
    }
  }

  @Override
  public boolean retry(String workflowId, int entry, int job, int attempt) {
    WorkflowState w = workflows.get(workflowId);
    if (w == null) {
      return false;
    }
    synchronized (w) {
      EntryState e = w.entries.get(entry);
      return e != null && e.retry(job, attempt);
    }
  }

  @Override
  public List<TransitionRecord> history(String workflowId) {
    return read(workflowId, w -> List.copyOf(w.history)).orElse(List.of());
  }

  @Override
  public void close() {}

  private <T> Optional<T> read(String workflowId, Function<WorkflowState, T> f) {
    WorkflowState w = workflows.get(workflowId);
    if (w == null) {
      return Optional.empty();
    }
    synchronized (w) {
      return Optional.ofNullable(f.apply(w));
    }
  }
}
