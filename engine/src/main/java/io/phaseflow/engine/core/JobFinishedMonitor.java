package io.phaseflow.engine.core;

import io.phaseflow.engine.state.Completion;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.handlers.JobFinished;
import io.phaseflow.handlers.JobResult;
import io.phaseflow.handlers.MessageBus;
import io.phaseflow.handlers.Messages;
import io.phaseflow.handlers.Queues;
import java.time.Clock;
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

  JobFinishedMonitor(
      StateStore store, MessageBus bus, JobDispatcher dispatcher, Clock clock, int maxOutputBytes) {
    this.maxOutputBytes = maxOutputBytes;
    this.store = store;
    this.bus = bus;
    this.dispatcher = dispatcher;
    this.clock = clock;
  }

  /** An output over the limit fails its job: state stays small and every reader stays fast. */
  private JobResult limit(JobFinished done, JobRecord job) {
    int size = done.output() == null ? 0 : done.output().toString().length();
    if (size <= maxOutputBytes) {
      return JobResult.success(done.output());
    }
    return JobResult.failure(
        String.format(
            "output of %s is %,d bytes, over the limit of %,d; store large results elsewhere (a"
                + " file, an object store) and return a reference to them",
            job.spec().name(), size, maxOutputBytes),
        false);
  }

  void onMessage(byte[] body) {
    JobFinished done = Messages.decode(body, JobFinished.class);
    String id = done.workflowId();
    Optional<WorkflowRecord> wf = store.workflow(id);
    Optional<JobRecord> job = store.job(id, done.entry(), done.job());
    if (wf.isEmpty() || job.isEmpty()) {
      log.warn("JobFinished for unknown job {}/{}#{}; dropped", id, done.entry(), done.job());
      return;
    }
    String phase = store.entry(id, done.entry()).orElseThrow().phase();
    if (!done.ok() && done.retryable() && done.attempt() < job.get().spec().maxAttempts()) {
      if (store.retry(id, done.entry(), done.job(), done.attempt())) {
        dispatcher.redispatch(wf.get(), done.entry(), phase, job.get(), done.attempt() + 1);
      }
      return;
    }
    JobResult result = done.ok() ? limit(done, job.get()) : JobResult.failure(done.error(), false);
    // The job ended when its handler finished it, not when this monitor got the message.
    long endedAt = done.finishedAt() > 0 ? done.finishedAt() : clock.millis();
    Completion c = store.complete(id, done.entry(), done.job(), done.attempt(), result, endedAt);
    if (c.outcome() == Completion.Outcome.STALE) {
      return;
    }
    dispatcher.dispatch(wf.get(), done.entry(), phase, c.ready());
    if (c.entryClosed()) {
      bus.publish(Queues.PHASE_FINISHED, Messages.encode(new PhaseFinished(id, done.entry())));
    }
  }
}
