package io.phaseflow.engine.core;

import io.phaseflow.engine.metrics.EngineMetrics;
import io.phaseflow.engine.plan.CompletionRules;
import io.phaseflow.engine.plan.JobDecision;
import io.phaseflow.engine.state.Completion;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.handlers.protocol.JobFinished;
import io.phaseflow.handlers.protocol.JobResults;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Messages;
import io.phaseflow.handlers.protocol.Queues;
import java.time.Clock;
import java.util.Optional;

/**
 * The direct mode of a Java handler process: a success within the output limit, the common case, is
 * recorded in the state store by the process itself, with the same compare-and-set step the
 * JobFinished monitor takes, so the job costs one broker message instead of two and no engine work.
 * What needs the engine still goes to it: a failure or an oversize output (it decides retries and
 * names the job) as a {@link JobFinished}; a success that made jobs ready as the same {@link
 * JobFinished}, which the monitor then reads as a duplicate and dispatches what it made ready; a
 * success that closed its entry as the entry's PhaseFinished. A process that dies between the store
 * and the ack has the job redelivered: run again, its result is a duplicate, which repeats those
 * messages and counts nothing twice. Thread-safe.
 */
public final class DirectResults implements JobResults {
  private final StateStore store;
  private final MessageBus bus;
  private final int maxOutputBytes;
  private final HandlerGate gate;

  /**
   * @param maxOutputBytes the engines' output limit: a larger output goes to them to fail its job
   */
  public DirectResults(StateStore store, MessageBus bus, int maxOutputBytes) {
    this.store = store;
    this.bus = bus;
    this.maxOutputBytes = maxOutputBytes;
    this.gate =
        new HandlerGate(
            store.limits(), store.attempts(), Clock.systemUTC(), new EngineMetrics() {}, () -> 0);
  }

  @Override
  public void finished(JobFinished done) {
    CompletionRules.Facts facts = CompletionRules.Facts.of(done, maxOutputBytes);
    if (CompletionRules.needsJob(facts)) {
      publish(done);
      return;
    }
    JobDecision.Record decided =
        (JobDecision.Record) CompletionRules.decide(facts, Optional.empty());
    Completion c =
        store.complete(
            done.workflowId(),
            done.entry(),
            done.job(),
            done.attempt(),
            decided.result(),
            decided.label(),
            done.startedAt(),
            done.finishedAt());
    // A separate command (the lease has its own slot): if this process dies first, the lease
    // expires at the attempt's deadline.
    gate.release(done.workflowId(), done.entry(), done.job(), done.attempt(), done.handler());
    if (!c.ready().isEmpty()) {
      publish(done);
    } else if (c.entryClosed()) {
      bus.publish(
          Queues.PHASE_FINISHED,
          Messages.encode(new PhaseFinished(done.workflowId(), done.entry())));
    }
  }

  private void publish(JobFinished done) {
    bus.publish(Queues.JOB_FINISHED, Messages.encode(done));
  }
}
