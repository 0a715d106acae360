package io.phaseflow.engine.core;

import io.phaseflow.engine.metrics.EngineMetrics;
import io.phaseflow.engine.plan.CompletionRules;
import io.phaseflow.engine.plan.JobDecision;
import io.phaseflow.engine.state.Completion;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.WorkflowSteps;
import io.phaseflow.handlers.protocol.JobFinished;
import io.phaseflow.handlers.protocol.JobResults;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Messages;
import io.phaseflow.handlers.protocol.Queues;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * A batch's results: the successes recorded together ({@link StateStore#completeAll}, one store
   * round trip per entry, and a batch is one entry), then whatever needs the engine published
   * together, as {@link #finished} would one by one; the entry's PhaseFinished once.
   */
  @Override
  public void finishedAll(List<JobFinished> done) {
    List<MessageBus.Message> out = new ArrayList<>();
    Map<String, List<JobFinished>> recorded = new LinkedHashMap<>(); // by workflow and entry
    Map<String, List<WorkflowSteps.JobEnd>> ends = new LinkedHashMap<>();
    for (JobFinished d : done) {
      CompletionRules.Facts facts = CompletionRules.Facts.of(d, maxOutputBytes);
      if (CompletionRules.needsJob(facts)) {
        out.add(jobFinished(d));
        continue;
      }
      JobDecision.Record decided =
          (JobDecision.Record) CompletionRules.decide(facts, Optional.empty());
      String entry = d.workflowId() + "|" + d.entry();
      recorded.computeIfAbsent(entry, k -> new ArrayList<>()).add(d);
      ends.computeIfAbsent(entry, k -> new ArrayList<>())
          .add(
              new WorkflowSteps.JobEnd(
                  d.job(),
                  d.attempt(),
                  decided.result(),
                  decided.label(),
                  d.startedAt(),
                  d.finishedAt()));
    }
    recorded.forEach(
        (entry, results) -> {
          JobFinished first = results.get(0);
          List<Completion> cs =
              store.completeAll(first.workflowId(), first.entry(), ends.get(entry));
          boolean closed = false;
          for (int i = 0; i < cs.size(); i++) {
            Completion c = cs.get(i);
            JobFinished d = results.get(i);
            gate.release(d.workflowId(), d.entry(), d.job(), d.attempt(), d.handler());
            if (!c.ready().isEmpty()) {
              out.add(jobFinished(d));
            } else if (c.entryClosed()) {
              closed = true;
            }
          }
          if (closed) {
            out.add(
                new MessageBus.Message(
                    Queues.PHASE_FINISHED,
                    Messages.encode(new PhaseFinished(first.workflowId(), first.entry()))));
          }
        });
    if (!out.isEmpty()) {
      bus.publishAll(out);
    }
  }

  private static MessageBus.Message jobFinished(JobFinished done) {
    return new MessageBus.Message(Queues.JOB_FINISHED, Messages.encode(done));
  }

  private void publish(JobFinished done) {
    bus.publish(Queues.JOB_FINISHED, Messages.encode(done));
  }
}
