package io.phaseflow.engine.state;

import io.phaseflow.engine.state.AttemptSteps.Attempt;
import io.phaseflow.handlers.JobResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The embedded mode's state: everything in this process's heap, one lock per workflow (so steps on
 * different workflows run in parallel). Finished workflows are forgotten after the retention
 * period, as in Redis. Thread-safe. Lost when the process exits, by design.
 */
public final class InMemoryStateStore implements StateStore {
  private static final int SWEEP_EVERY = 1024;

  private final Map<String, WorkflowState> workflows = new ConcurrentHashMap<>();

  private final InMemoryListing listing = new InMemoryListing();

  private final Clock clock;
  private final long retentionMillis;
  private final AtomicInteger creates = new AtomicInteger();
  private final InMemoryAttempts attempts = new InMemoryAttempts(this);
  private final InMemoryHandlerLimits limits = new InMemoryHandlerLimits();

  /** A store that keeps finished workflows for {@link #DEFAULT_RETENTION}. */
  public InMemoryStateStore() {
    this(Clock.systemUTC(), DEFAULT_RETENTION);
  }

  public InMemoryStateStore(Clock clock, Duration retention) {
    this.clock = clock;
    this.retentionMillis = retention.toMillis();
  }

  /** One workflow's state; every access holds its monitor. */
  private static final class WorkflowState {
    WorkflowRecord record;
    final List<TransitionRecord> history = new ArrayList<>();
    final Map<Integer, EntryState> entries = new HashMap<>();
    long expiresAt = Long.MAX_VALUE;

    WorkflowState(WorkflowRecord record) {
      this.record = record;
    }
  }

  private boolean create(WorkflowRecord workflow) {
    if (creates.incrementAndGet() % SWEEP_EVERY == 0) {
      long now = clock.millis();
      workflows.values().removeIf(w -> w.expiresAt <= now && forget(w));
    }
    if (workflows.putIfAbsent(workflow.id(), new WorkflowState(workflow)) != null) {
      return false;
    }
    listing.add(workflow);
    return true;
  }

  @Override
  public Started start(WorkflowRecord workflow, NewEntry first) {
    if (!create(workflow)) {
      return Started.ALREADY_EXISTS;
    }
    TransitionRecord started = TransitionRecord.started(first.phase(), workflow.createdAt());
    advance(workflow.id(), 0, started, first, false, null);
    return Started.STARTED;
  }

  @Override
  public Optional<WorkflowRecord> workflow(String workflowId) {
    return read(workflowId, w -> w.record);
  }

  @Override
  public Advanced advance(
      String workflowId,
      int expectedEntry,
      TransitionRecord record,
      NewEntry next,
      boolean viaError,
      WorkflowStatus finalStatus) {
    WorkflowState w = live(workflowId);
    if (w == null) {
      return Advanced.ALREADY_MOVED;
    }
    synchronized (w) {
      WorkflowRecord r = w.record;
      if (r.status() != WorkflowStatus.RUNNING || r.entry() != expectedEntry) {
        return Advanced.ALREADY_MOVED; // also while paused: the resume sends PhaseFinished again
      }
      w.history.add(record);
      if (next == null) {
        WorkflowStatus.TABLE.check(r.status(), finalStatus, "workflow " + workflowId);
        w.record = r.moved(r.phase(), r.entry(), finalStatus, viaError, record.at());
        w.expiresAt = clock.millis() + retentionMillis;
      } else {
        w.entries.put(next.entry(), new EntryState(next, record.at()));
        w.record = r.moved(next.phase(), next.entry(), r.status(), viaError, record.at());
      }
      return Advanced.ADVANCED;
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
      String workflowId,
      int entry,
      int job,
      int attempt,
      JobResult result,
      String label,
      long startedAt,
      long at) {
    WorkflowState w = live(workflowId);
    if (w == null) {
      return new Completion(Completion.Outcome.STALE, List.of(), false);
    }
    synchronized (w) {
      if (w.record.status() == WorkflowStatus.CANCELED) {
        return new Completion(Completion.Outcome.DROPPED, List.of(), false);
      }
      EntryState e = w.entries.get(entry);
      if (e == null) {
        return new Completion(Completion.Outcome.STALE, List.of(), false);
      }
      // An attempt that ends, or is found not current, needs no deadline any more.
      attempts.deadlines.remove(new Attempt(workflowId, entry, job, attempt).member());
      Completion c = e.complete(job, attempt, result, label, startedAt, at, w.record.data());
      return w.record.status() == WorkflowStatus.PAUSED ? e.hold(c) : c;
    }
  }

  /** Each in turn, under the workflow's lock once: no other step comes between them. */
  @Override
  public List<Completion> completeAll(String workflowId, int entry, List<JobEnd> ends) {
    WorkflowState w = live(workflowId);
    if (w == null) {
      return ends.stream().map(e -> complete(workflowId, entry, e)).toList();
    }
    synchronized (w) {
      return ends.stream().map(e -> complete(workflowId, entry, e)).toList();
    }
  }

  private Completion complete(String workflowId, int entry, JobEnd e) {
    return complete(
        workflowId, entry, e.job(), e.attempt(), e.result(), e.label(), e.startedAt(), e.at());
  }

  /** {@link #retry}, keeping {@code what} in the job's record; under the workflow's lock. */
  void retryKeeping(Attempt failed, RetriedAttempt what) {
    WorkflowState w = live(failed.workflowId());
    if (w != null) {
      synchronized (w) {
        EntryState e = w.entries.get(failed.entry());
        if (e != null) {
          e.retry(failed.job(), failed.attempt(), what);
        }
      }
    }
  }

  @Override
  public AttemptSteps attempts() {
    return attempts;
  }

  @Override
  public HandlerLimits limits() {
    return limits;
  }

  /**
   * Runs {@code step} under the workflow's lock if {@code a} is its job's current attempt (the job
   * is ready at that attempt); false when it is not. The step is given the attempt's entry when the
   * workflow is paused (so it can hold the job), else nothing.
   */
  boolean ifCurrent(Attempt a, java.util.function.Consumer<Optional<EntryState>> step) {
    WorkflowState w = live(a.workflowId());
    if (w == null) {
      return false;
    }
    synchronized (w) {
      EntryState e = w.entries.get(a.entry());
      JobRecord j = e == null ? null : e.job(a.job());
      if (j == null || j.status() != JobStatus.READY || j.attempt() != a.attempt()) {
        return false;
      }
      step.accept(w.record.status() == WorkflowStatus.PAUSED ? Optional.of(e) : Optional.empty());
      return true;
    }
  }

  @Override
  public Retried retry(String workflowId, int entry, int job, int attempt) {
    WorkflowState w = live(workflowId);
    if (w == null) {
      return Retried.NOT_CURRENT;
    }
    synchronized (w) {
      EntryState e = w.entries.get(entry);
      return e != null && e.retry(job, attempt) ? Retried.RETRIED : Retried.NOT_CURRENT;
    }
  }

  @Override
  public Controlled control(
      String workflowId, ControlAction action, int expectedEntry, TransitionRecord line) {
    ControlAction.checkNotRedrive(action);
    WorkflowState w = live(workflowId);
    if (w == null) {
      return Controlled.notFound();
    }
    synchronized (w) {
      WorkflowRecord r = w.record;
      Controlled refused = action.refusal(r, expectedEntry);
      if (refused != null) {
        return refused;
      }
      EntryState e = w.entries.get(r.entry());
      List<JobRecord> released = action == ControlAction.RESUME ? e.release() : List.of();
      w.history.add(line);
      relist(w, r.moved(r.phase(), r.entry(), action.to(), false, line.at()));
      return new Controlled(
          Controlled.Result.APPLIED, action.to(), r.entry(), released, e.closed());
    }
  }

  @Override
  public Controlled redrive(
      String workflowId, int expectedEntry, TransitionRecord line, NewEntry next) {
    WorkflowState w = live(workflowId);
    if (w == null) {
      return Controlled.notFound();
    }
    synchronized (w) {
      WorkflowRecord r = w.record;
      Controlled refused = ControlAction.REDRIVE.refusal(r, expectedEntry);
      if (refused != null) {
        return refused;
      }
      w.history.add(line);
      w.entries.put(next.entry(), new EntryState(next, line.at()));
      relist(w, r.redriven(next.phase(), next.entry(), line.at()));
      return new Controlled(
          Controlled.Result.APPLIED, WorkflowStatus.RUNNING, r.entry(), List.of(), false);
    }
  }

  /** Stores {@code moved}; an ended workflow expires after the retention, others never. */
  private void relist(WorkflowState w, WorkflowRecord moved) {
    WorkflowStatus.TABLE.check(w.record.status(), moved.status(), "workflow " + moved.id());
    w.record = moved;
    w.expiresAt = moved.status().ended() ? clock.millis() + retentionMillis : Long.MAX_VALUE;
  }

  @Override
  public List<TransitionRecord> history(String workflowId) {
    return read(workflowId, w -> List.copyOf(w.history)).orElse(List.of());
  }

  @Override
  public void close() {}

  @Override
  public WorkflowPage list(WorkflowQuery query) {
    return listing.page(query, this::workflow);
  }

  /** The workflow's state unless it has expired (then it is dropped). */
  private WorkflowState live(String workflowId) {
    WorkflowState w = workflows.get(workflowId);
    if (w != null && w.expiresAt <= clock.millis()) {
      if (workflows.remove(workflowId, w)) {
        forget(w);
      }
      return null;
    }
    return w;
  }

  /** Drops an expired workflow from the listing; true, for use in removeIf. */
  private boolean forget(WorkflowState w) {
    listing.remove(w.record);
    return true;
  }

  private <T> Optional<T> read(String workflowId, Function<WorkflowState, T> f) {
    WorkflowState w = live(workflowId);
    if (w == null) {
      return Optional.empty();
    }
    synchronized (w) {
      return Optional.ofNullable(f.apply(w));
    }
  }
}
