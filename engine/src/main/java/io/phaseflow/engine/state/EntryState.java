package io.phaseflow.engine.state;

import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.handlers.JobResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The mutable state of one phase entry in memory: its jobs, the open-parent count of each, and the
 * barrier (the count of jobs not yet ended). The Redis store does the same steps in Lua; the shared
 * contract tests keep the two in agreement. Not thread-safe: the owning workflow's lock guards it.
 */
final class EntryState {
  private final int entry;
  private final String phase;
  private final long openedAt;
  private final List<JobRecord> jobs = new ArrayList<>();
  private final List<List<Integer>> children = new ArrayList<>();
  private final int[] openParents;
  private int open;
  private long closedAt;
  private String error;
  private final java.util.SortedSet<Integer> held = new java.util.TreeSet<>();

  EntryState(NewEntry spec, long at) {
    this.entry = spec.entry();
    this.phase = spec.phase();
    this.openedAt = at;
    this.openParents = new int[spec.jobs().size()];
    int carried = 0;
    for (JobSpec job : spec.jobs()) {
      children.add(new ArrayList<>());
      openParents[job.index()] = spec.openParents(job.index());
      JobStatus status = spec.initialStatus(job.index());
      carried += status == JobStatus.SUCCEEDED ? 1 : 0;
      jobs.add(new JobRecord(job, status, 1, spec.carried().get(job.index()), null));
    }
    for (JobSpec job : spec.jobs()) {
      job.parents().forEach(p -> children.get(p).add(job.index()));
    }
    this.open = jobs.size() - carried;
    this.error = spec.planningError();
    if (spec.closedAtOnce()) {
      open = 0;
      closedAt = at;
    }
  }

  /** Keeps jobs made ready while the workflow is paused from being dispatched. */
  Completion hold(Completion c) {
    c.ready().forEach(j -> held.add(j.spec().index()));
    return new Completion(c.outcome(), List.of(), c.entryClosed());
  }

  /** Holds one ready job (a retry that came due) until the workflow is resumed. */
  void holdJob(int job) {
    held.add(job);
  }

  /** The jobs held while paused, now to dispatch; forgets them. */
  List<JobRecord> release() {
    List<JobRecord> out =
        held.stream().map(jobs::get).filter(j -> j.status() == JobStatus.READY).toList();
    held.clear();
    return out;
  }

  Completion complete(
      int job, int attempt, JobResult result, String label, long startedAt, long at) {
    if (job < 0 || job >= jobs.size()) {
      return new Completion(Completion.Outcome.STALE, List.of(), closed());
    }
    JobRecord current = jobs.get(job);
    if (current.status().isTerminal()) {
      return new Completion(Completion.Outcome.DUPLICATE, readyChildren(job), closed());
    }
    if (current.status() != JobStatus.READY || current.attempt() != attempt) {
      return new Completion(Completion.Outcome.STALE, List.of(), closed());
    }
    List<JobRecord> ready = new ArrayList<>();
    if (result.ok()) {
      end(job, JobStatus.SUCCEEDED, result.output(), null);
      jobs.set(job, jobs.get(job).ended(startedAt, at));
      for (int child : children.get(job)) {
        if (--openParents[child] == 0 && jobs.get(child).status() == JobStatus.WAITING) {
          move(child, JobStatus.READY);
          ready.add(jobs.get(child));
        }
      }
    } else {
      end(job, JobStatus.FAILED, null, result.error());
      jobs.set(job, jobs.get(job).ended(startedAt, at));
      if (error == null) {
        error = EntryRecord.firstError(label, result.error());
      }
      skipBelow(job);
    }
    if (open == 0) {
      closedAt = at;
    }
    return new Completion(Completion.Outcome.RECORDED, ready, closed());
  }

  boolean retry(int job, int attempt) {
    return retry(job, attempt, null);
  }

  /** As {@link #retry(int, int)}, keeping {@code failed} (when not null) in the job's record. */
  boolean retry(int job, int attempt, RetriedAttempt failed) {
    if (job < 0 || job >= jobs.size()) {
      return false;
    }
    JobRecord current = jobs.get(job);
    if (current.status() != JobStatus.READY || current.attempt() != attempt) {
      return false;
    }
    List<RetriedAttempt> retried = current.retried();
    if (failed != null) {
      retried = new ArrayList<>(retried);
      retried.add(failed);
    }
    jobs.set(job, new JobRecord(current.spec(), JobStatus.READY, attempt + 1, null, null, retried));
    return true;
  }

  List<JobRecord> jobs() {
    return List.copyOf(jobs);
  }

  /** Job {@code i}, or null when the entry has no such job. */
  JobRecord job(int i) {
    return i >= 0 && i < jobs.size() ? jobs.get(i) : null;
  }

  EntryRecord record() {
    return EntryRecord.of(entry, phase, openedAt, closedAt, error, jobs);
  }

  int entry() {
    return entry;
  }

  String phase() {
    return phase;
  }

  boolean closed() {
    return closedAt != 0;
  }

  private List<JobRecord> readyChildren(int job) {
    return children.get(job).stream()
        .map(jobs::get)
        .filter(j -> j.status() == JobStatus.READY)
        .toList();
  }

  /** Failure of a job means its descendants can never run; they end as skipped. */
  private void skipBelow(int failed) {
    Deque<Integer> todo = new ArrayDeque<>(children.get(failed));
    while (!todo.isEmpty()) {
      int j = todo.pop();
      if (jobs.get(j).status() == JobStatus.WAITING) {
        end(j, JobStatus.SKIPPED, null, null);
        todo.addAll(children.get(j));
      }
    }
  }

  private void end(
      int job, JobStatus status, com.fasterxml.jackson.databind.JsonNode out, String err) {
    JobRecord j = jobs.get(job);
    JobStatus.TABLE.check(j.status(), status, "job " + job + " of entry " + entry);
    jobs.set(job, with(j, status, j.attempt(), out, err));
    open--;
  }

  private void move(int job, JobStatus status) {
    JobRecord j = jobs.get(job);
    JobStatus.TABLE.check(j.status(), status, "job " + job + " of entry " + entry);
    jobs.set(job, with(j, status, j.attempt(), null, null));
  }

  private static JobRecord with(
      JobRecord j,
      JobStatus s,
      int attempt,
      com.fasterxml.jackson.databind.JsonNode out,
      String e) {
    return new JobRecord(j.spec(), s, attempt, out, e, j.retried());
  }
}
