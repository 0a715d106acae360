package io.phaseflow.engine.core;

import io.phaseflow.engine.metrics.EngineMetrics;
import io.phaseflow.engine.state.Completion;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.JobStatus;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.handlers.JobFinished;
import io.phaseflow.handlers.JobResult;
import io.phaseflow.handlers.MessageBus;
import io.phaseflow.handlers.Messages;
import io.phaseflow.handlers.Queues;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes JobFinished: retries a retryable failure while attempts remain, otherwise records the
 * job's end, publishes the jobs it made ready and, when it closed the phase entry, PhaseFinished.
 * The store decides atomically which completion closes the entry, so any number of monitors may
 * run. Thread-safe.
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

  /**
   * An output over the limit fails its job: state stays small and every reader stays fast. The
   * job's name is read only then, so the common case costs no read.
   */
  private JobResult limit(JobFinished done) {
    int size = done.output() == null ? 0 : done.output().toString().length();
    if (size <= maxOutputBytes) {
      return JobResult.success(done.output());
    }
    String name =
        store
            .job(done.workflowId(), done.entry(), done.job())
            .map(j -> j.spec().name())
            .orElse("job " + done.job());
    return JobResult.failure(
        String.format(
            "output of %s is %,d bytes, over the limit of %,d; store large results elsewhere (a"
                + " file, an object store) and return a reference to them",
            name, size, maxOutputBytes),
        false);
  }

  // One store call in the common case (a success without children to start): the completion
  // itself. Reads happen only for retries, oversize outputs and jobs that start others.
  void onMessage(byte[] body) {
    JobFinished done = Messages.decode(body, JobFinished.class);
    if (!done.ok() && done.retryable() && retried(done)) {
      return;
    }
    JobResult result = done.ok() ? limit(done) : JobResult.failure(done.error(), false);
    // The job ended when its handler finished it, not when this monitor got the message.
    long endedAt = done.finishedAt() > 0 ? done.finishedAt() : clock.millis();
    String id = done.workflowId();
    Completion c = store.complete(id, done.entry(), done.job(), done.attempt(), result, endedAt);
    if (c.outcome() == Completion.Outcome.STALE) {
      log.debug(
          "stale JobFinished {}/{}#{} attempt {}", id, done.entry(), done.job(), done.attempt());
      return;
    }
    if (c.outcome() == Completion.Outcome.RECORDED) { // not a repeat of an end already counted
      metrics.jobEnded(
          done.handler(),
          EngineMetrics.Outcome.of(result.ok()),
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

  /** Starts the next attempt of a retryable failure; false when attempts are used up. */
  private boolean retried(JobFinished done) {
    String id = done.workflowId();
    Optional<JobRecord> job = store.job(id, done.entry(), done.job());
    if (job.isEmpty()) {
      log.warn("JobFinished for unknown job {}/{}#{}; dropped", id, done.entry(), done.job());
      return true;
    }
    if (done.attempt() >= job.get().spec().maxAttempts()) {
      return false;
    }
    if (store.retry(id, done.entry(), done.job(), done.attempt())) {
      Optional<WorkflowRecord> wf = store.workflow(id);
      JobRecord next =
          new JobRecord(job.get().spec(), JobStatus.READY, done.attempt() + 1, null, null);
      wf.ifPresent(w -> dispatcher.dispatch(w, done.entry(), w.phase(), List.of(next)));
    }
    return true;
  }
}
