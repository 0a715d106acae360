package io.phaseflow.engine.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.plan.CompletionRules;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.plan.TaskFanout;
import io.phaseflow.handlers.JobResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

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
  private final List<Integer> openParents = new ArrayList<>();
  private int open;
  private long closedAt;
  private String error;
  private final java.util.SortedSet<Integer> held = new java.util.TreeSet<>();

  EntryState(NewEntry spec, long at) {
    this.entry = spec.entry();
    this.phase = spec.phase();
    this.openedAt = at;
    int carried = 0;
    for (JobSpec job : spec.jobs()) {
      openParents.add(spec.openParents(job.index()));
      JobStatus status = spec.initialStatus(job.index());
      carried += status == JobStatus.SUCCEEDED ? 1 : 0;
      jobs.add(new JobRecord(job, status, 1, spec.carried().get(job.index()), null));
    }
    children.addAll(NewEntry.children(spec.jobs()));
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

  /**
   * @param startedAt when the attempt started (0 when unknown)
   * @param data the workflow's data, which a {@code for_each} gate this success expands may read
   */
  Completion complete(
      int job,
      int attempt,
      JobResult result,
      String label,
      long startedAt,
      long at,
      JsonNode data) {
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
      Deque<Integer> todo = new ArrayDeque<>();
      for (int child : children.get(job)) {
        if (expands(child)) {
          expand(child, data, ready);
        }
        todo.add(child);
      }
      while (!todo.isEmpty()) {
        int child = todo.poll();
        int left = openParents.get(child) - 1;
        openParents.set(child, left);
        if (left != 0 || jobs.get(child).status() != JobStatus.WAITING) {
          continue;
        }
        JobSpec spec = jobs.get(child).spec();
        if (spec.isGate()) { // its last element (or parent) succeeded: so did the task
          end(child, JobStatus.SUCCEEDED, gateOutput(spec), null);
          todo.addAll(children.get(child));
        } else {
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

  /** Whether {@code child} is a gate not yet expanded whose last open parent is succeeding now. */
  private boolean expands(int child) {
    JobSpec spec = jobs.get(child).spec();
    return spec.isGate()
        && !spec.fanout().expanded()
        && openParents.get(child) == 1
        && jobs.get(child).status() == JobStatus.WAITING;
  }

  /**
   * Expands gate {@code gate}: appends its element jobs, ready at once (their parents are the
   * gate's, all succeeded now), and makes the gate wait for them; or fails it.
   */
  private void expand(int gate, JsonNode data, List<JobRecord> ready) {
    JobSpec spec = jobs.get(gate).spec();
    TaskFanout.Expansion e =
        TaskFanout.expand(
            spec,
            TaskFanout.sourceOutputs(spec, i -> jobs.get(i).spec(), i -> jobs.get(i).output()),
            data,
            jobs.size());
    if (e.failed()) {
      end(gate, JobStatus.FAILED, null, e.error());
      if (error == null) {
        error = EntryRecord.firstError(CompletionRules.label(gate, Optional.of(spec)), e.error());
      }
      skipBelow(gate);
      return;
    }
    JobRecord g = jobs.get(gate);
    jobs.set(
        gate,
        with(
            g,
            g.status(),
            g.attempt(),
            null,
            null,
            spec.expandedAt(jobs.size(), e.elements().size())));
    for (JobSpec element : e.elements()) {
      jobs.add(new JobRecord(element, JobStatus.READY, 1, null, null));
      children.add(new ArrayList<>(List.of(gate)));
      openParents.add(0);
      ready.add(jobs.get(element.index()));
      open++;
    }
    openParents.set(gate, openParents.get(gate) + e.elements().size());
  }

  /** A gate's output: its elements' outputs, in element order. */
  private JsonNode gateOutput(JobSpec gate) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    gate.fanout().elements().forEach(i -> out.add(jobs.get(i).output()));
    return out;
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

  /**
   * What job {@code job} made ready, in case it was not dispatched: its ready children and the
   * ready element jobs of the gates below it that are still waiting (unless it is one of them).
   */
  private List<JobRecord> readyChildren(int job) {
    java.util.Map<Integer, JobRecord> out = new java.util.LinkedHashMap<>();
    for (int c : children.get(job)) {
      JobRecord child = jobs.get(c);
      if (child.status() == JobStatus.READY) {
        out.putIfAbsent(c, child);
      }
      if (child.spec().isGate()
          && child.status() == JobStatus.WAITING
          && !child.spec().fanout().elements().contains(job)) {
        for (int e : child.spec().fanout().elements()) {
          if (jobs.get(e).status() == JobStatus.READY) {
            out.putIfAbsent(e, jobs.get(e));
          }
        }
      }
    }
    return List.copyOf(out.values());
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

  private void end(int job, JobStatus status, JsonNode out, String err) {
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

  private static JobRecord with(JobRecord j, JobStatus s, int attempt, JsonNode out, String e) {
    return with(j, s, attempt, out, e, j.spec());
  }

  private static JobRecord with(
      JobRecord j, JobStatus s, int attempt, JsonNode out, String e, JobSpec spec) {
    return new JobRecord(spec, s, attempt, out, e, j.retried());
  }
}
