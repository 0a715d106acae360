package io.phaseflow.engine.core;

import io.phaseflow.engine.metrics.EngineMetrics;
import io.phaseflow.engine.plan.CompletionRules;
import io.phaseflow.engine.plan.JobDecision;
import io.phaseflow.engine.state.AttemptSteps;
import io.phaseflow.engine.state.Completion;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.JobStatus;
import io.phaseflow.engine.state.RetriedAttempt;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.state.WorkflowSteps;
import io.phaseflow.handlers.protocol.JobFinished;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Messages;
import io.phaseflow.handlers.protocol.Queues;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes JobFinished and acts on what {@link CompletionRules} decided: puts the next attempt in
 * the due set for its backoff (dispatching it at once when it has none), or records the job's end,
 * publishes the jobs it made ready and, when it closed the phase entry, PhaseFinished. The store
 * decides atomically which completion closes the entry, so any number of monitors may run. The
 * {@link DeadlineWatchdog} acts on timed-out attempts through the same steps. Thread-safe.
 */
final class JobFinishedMonitor {
  private static final Logger log = LoggerFactory.getLogger(JobFinishedMonitor.class);

  private final StateStore store;
  private final MessageBus bus;
  private final JobDispatcher dispatcher;
  private final Clock clock;
  private final int maxOutputBytes;
  private final EngineMetrics metrics;
  private final DoubleSupplier random;

  JobFinishedMonitor(
      StateStore store,
      MessageBus bus,
      JobDispatcher dispatcher,
      Clock clock,
      int maxOutputBytes,
      EngineMetrics metrics,
      DoubleSupplier random) {
    this.maxOutputBytes = maxOutputBytes;
    this.metrics = metrics;
    this.store = store;
    this.bus = bus;
    this.dispatcher = dispatcher;
    this.clock = clock;
    this.random = random;
  }

  // One store call in the common case (a success within the output limit without children to
  // start): the completion itself. A failure or an oversize output reads its job once, to decide
  // and to name it in the entry's error; the completion is then given that name and reads nothing.
  void onMessage(byte[] body) {
    JobFinished done = Messages.decode(body, JobFinished.class);
    CompletionRules.Facts facts = CompletionRules.Facts.of(done, maxOutputBytes);
    Optional<JobRecord> job =
        CompletionRules.needsJob(facts)
            ? store.job(done.workflowId(), done.entry(), done.job())
            : Optional.empty();
    act(done, job, CompletionRules.decide(facts, job.map(JobRecord::spec), random), true);
  }

  /**
   * Takes the step {@code decision} asks for.
   *
   * @param fromHandler whether {@code done} is a handler's result (then one for an attempt that is
   *     no longer current is counted as a stale result), not the watchdog's timeout
   * @return whether it changed anything: false for a duplicate, a stale attempt or a drop
   */
  boolean act(
      JobFinished done, Optional<JobRecord> job, JobDecision decision, boolean fromHandler) {
    try {
      return take(done, job, decision, fromHandler);
    } finally {
      // After the step (its own slot on a cluster): a process that dies in between leaves the
      // lease to expire at the attempt's deadline.
      dispatcher
          .gate()
          .release(done.workflowId(), done.entry(), done.job(), done.attempt(), done.handler());
    }
  }

  private boolean take(
      JobFinished done, Optional<JobRecord> job, JobDecision decision, boolean fromHandler) {
    if (decision instanceof JobDecision.Record r) {
      return record(done, r, fromHandler);
    } else if (decision instanceof JobDecision.Retry r) {
      return retry(done, job.orElseThrow(), r, fromHandler);
    } else if (decision instanceof JobDecision.Drop d) {
      log.warn("{}; dropped", d.reason());
    }
    return false;
  }

  private boolean record(JobFinished done, JobDecision.Record decided, boolean fromHandler) {
    // The job ended when its handler finished it, not when this monitor got the message.
    long endedAt = done.finishedAt() > 0 ? done.finishedAt() : clock.millis();
    String id = done.workflowId();
    Completion c =
        store.complete(
            id,
            done.entry(),
            done.job(),
            done.attempt(),
            decided.result(),
            decided.label(),
            done.startedAt(),
            endedAt);
    if (c.outcome() == Completion.Outcome.DROPPED) {
      log.debug(
          "JobFinished {}/{}#{} of a canceled workflow; dropped", id, done.entry(), done.job());
      return false;
    }
    if (c.outcome() == Completion.Outcome.STALE) {
      log.debug(
          "stale JobFinished {}/{}#{} attempt {}", id, done.entry(), done.job(), done.attempt());
      if (fromHandler) {
        metrics.staleResult(done.handler());
      }
      return false;
    }
    if (c.outcome() == Completion.Outcome.RECORDED) { // not a repeat of an end already counted
      metrics.jobEnded(
          done.handler(),
          EngineMetrics.Outcome.of(decided.result().ok()),
          done.startedAt() > 0 ? endedAt - done.startedAt() : 0);
    }
    if (!c.ready().isEmpty()) {
      store
          .workflow(id)
          .filter(wf -> wf.entry() == done.entry())
          .ifPresent(wf -> dispatcher.dispatch(wf, done.entry(), wf.phase(), c.ready()));
    }
    if (c.entryClosed()) {
      bus.publish(Queues.PHASE_FINISHED, Messages.encode(new PhaseFinished(id, done.entry())));
    }
    return c.outcome() == Completion.Outcome.RECORDED;
  }

  /**
   * Makes attempt {@code next} current and due after its backoff, unless another monitor, a
   * watchdog or a duplicate message already did; without backoff it is dispatched at once.
   */
  private boolean retry(
      JobFinished done, JobRecord job, JobDecision.Retry decided, boolean fromHandler) {
    long now = clock.millis();
    AttemptSteps.Attempt failed =
        new AttemptSteps.Attempt(done.workflowId(), done.entry(), done.job(), done.attempt());
    RetriedAttempt what =
        new RetriedAttempt(
            done.job(),
            job.spec().name(),
            done.attempt(),
            done.startedAt(),
            done.finishedAt() > 0 ? done.finishedAt() : now,
            done.error(),
            decided.delayMillis());
    if (store.attempts().retry(failed, what, now + decided.delayMillis())
        != WorkflowSteps.Retried.RETRIED) {
      if (fromHandler) {
        metrics.staleResult(done.handler());
      }
      return false;
    }
    metrics.jobRetried(done.handler(), decided.delayMillis());
    if (decided.delayMillis() <= 0) {
      store.workflow(done.workflowId()).ifPresent(wf -> dispatchDue(failed.next(), wf, job, now));
    }
    return true;
  }

  /**
   * Dispatches a due attempt of {@code wf} (as its caller read it), if this caller is the one that
   * took it out of the due set; a paused workflow's release holds it instead (in the step).
   */
  void dispatchDue(AttemptSteps.Attempt due, WorkflowRecord wf, JobRecord job, long now) {
    if (wf.status() == WorkflowStatus.CANCELED) {
      return; // its result would be dropped; the watchdog forgets the attempt of an ended workflow
    }
    long deadline = now + job.spec().policy().timeoutMillis();
    if (store.attempts().release(due, now, deadline)) {
      JobRecord ready = new JobRecord(job.spec(), JobStatus.READY, due.attempt(), null, null);
      dispatcher.dispatch(wf, due.entry(), wf.phase(), List.of(ready));
    }
  }
}
