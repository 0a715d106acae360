package io.phaseflow.engine.core;

import io.phaseflow.engine.metrics.EngineMetrics;
import io.phaseflow.engine.plan.CompletionRules;
import io.phaseflow.engine.plan.JobDecision;
import io.phaseflow.engine.state.Completion;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.JobStatus;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.state.WorkflowSteps;
import io.phaseflow.handlers.protocol.JobFinished;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Messages;
import io.phaseflow.handlers.protocol.Queues;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes JobFinished and acts on what {@link CompletionRules} decided: starts the next attempt,
 * or records the job's end, publishes the jobs it made ready and, when it closed the phase entry,
 * PhaseFinished. The store decides atomically which completion closes the entry, so any number of
 * monitors may run. Thread-safe.
 */
final class JobFinishedMonitor {
  private static final Logger log = LoggerFactory.getLogger(JobFinishedMonitor.class);

  private final StateStore store;
  private final MessageBus bus;
  private final JobDispatcher dispatcher;
  private final Clock clock;
  private final int maxOutputBytes;
  private final EngineMetrics metrics;

  JobFinishedMonitor(
      StateStore store,
      MessageBus bus,
      JobDispatcher dispatcher,
      Clock clock,
      int maxOutputBytes,
      EngineMetrics metrics) {
    this.maxOutputBytes = maxOutputBytes;
    this.metrics = metrics;
    this.store = store;
    this.bus = bus;
    this.dispatcher = dispatcher;
    this.clock = clock;
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
    JobDecision decision = CompletionRules.decide(facts, job.map(JobRecord::spec));
    if (decision instanceof JobDecision.Record r) {
      record(done, r);
    } else if (decision instanceof JobDecision.Retry r) {
      retry(done, job.orElseThrow(), r.next());
    } else if (decision instanceof JobDecision.Drop d) {
      log.warn("{}; dropped", d.reason());
    }
  }

  private void record(JobFinished done, JobDecision.Record decided) {
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
            endedAt);
    if (c.outcome() == Completion.Outcome.DROPPED) {
      log.debug(
          "JobFinished {}/{}#{} of a canceled workflow; dropped", id, done.entry(), done.job());
      return;
    }
    if (c.outcome() == Completion.Outcome.STALE) {
      log.debug(
          "stale JobFinished {}/{}#{} attempt {}", id, done.entry(), done.job(), done.attempt());
      return;
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
  }

  /** Starts attempt {@code next}, unless another monitor or a duplicate message already did. */
  private void retry(JobFinished done, JobRecord job, int next) {
    String id = done.workflowId();
    if (store.retry(id, done.entry(), done.job(), done.attempt())
        == WorkflowSteps.Retried.RETRIED) {
      JobRecord ready = new JobRecord(job.spec(), JobStatus.READY, next, null, null);
      store
          .workflow(id)
          .filter(w -> w.status() != WorkflowStatus.CANCELED) // its result would be dropped
          .ifPresent(w -> dispatcher.dispatch(w, done.entry(), w.phase(), List.of(ready)));
    }
  }
}
