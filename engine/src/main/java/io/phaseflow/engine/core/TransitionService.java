package io.phaseflow.engine.core;

import io.phaseflow.engine.plan.Decision;
import io.phaseflow.engine.plan.Plan;
import io.phaseflow.engine.plan.TransitionRules;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.EntrySnapshot;
import io.phaseflow.engine.state.TransitionReason;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowReads;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes PhaseFinished: decides with the pure {@link TransitionRules} where the workflow goes and
 * records the move through {@link PhaseEntering}. A PhaseFinished for an entry the workflow already
 * left is a repeat: it resumes the entry that move opened instead. Thread-safe.
 */
final class TransitionService {
  private static final Logger log = LoggerFactory.getLogger(TransitionService.class);

  private final WorkflowReads store;
  private final PlanCatalog plans;
  private final PhaseEntering entering;
  private final Clock clock;

  TransitionService(WorkflowReads store, PlanCatalog plans, PhaseEntering entering, Clock clock) {
    this.clock = clock;
    this.store = store;
    this.plans = plans;
    this.entering = entering;
  }

  void onMessage(byte[] body) {
    PhaseFinished message = PhaseFinished.decode(body);
    // One read for the workflow and the entry the message names (one round trip in Redis).
    EntrySnapshot snapshot = store.snapshot(message.workflowId(), message.entry()).orElse(null);
    if (snapshot == null) {
      log.warn(
          "PhaseFinished for unknown workflow or entry {}/{} (expired?); dropped",
          message.workflowId(),
          message.entry());
      return;
    }
    WorkflowRecord wf = snapshot.workflow();
    if (wf.entry() != message.entry() || wf.status() != WorkflowStatus.RUNNING) {
      if (wf.entry() == message.entry() + 1) {
        entering.resume(wf.id(), wf.entry());
      }
      return;
    }
    EntryRecord entry = snapshot.entry();
    if (!entry.closed()) {
      log.warn("PhaseFinished for open entry {} of {}; ignored", entry.entry(), wf.id());
      return;
    }
    Plan plan = plans.get(wf.definition(), wf.version());
    Decision decision =
        TransitionRules.decide(
            plan.table(), entry.phase(), !entry.failed(), wf.viaError(), entry.entry());
    // The entry closed when its last job finished; the transition happens now: the gap between
    // the two is the phase-transition latency.
    long now = Math.max(clock.millis(), entry.closedAt());
    if (decision instanceof Decision.Enter enter) {
      entering.enter(
          plan,
          wf,
          record(entry, enter.phase(), now),
          enter.phase(),
          enter.viaError(),
          snapshot.jobs());
    } else if (decision instanceof Decision.Finish finish) {
      TransitionRecord last =
          finish.error() == null ? record(entry, null, now) : stopped(entry, finish.error(), now);
      entering.finish(wf, last, finish.succeeded());
    }
  }

  /**
   * The last line of a workflow the rules stopped (at its transition limit): failed, and why,
   * keeping the entry's own error when it had one.
   */
  private static TransitionRecord stopped(EntryRecord entry, String error, long at) {
    return new TransitionRecord(
        entry.phase(),
        null,
        TransitionReason.FAILED,
        entry.error() == null
            ? error
            : error + "; '" + entry.phase() + "' itself failed: " + entry.error(),
        entry.openedAt(),
        at,
        entry.jobs(),
        entry.byHandler(),
        entry.retried());
  }

  private static TransitionRecord record(EntryRecord entry, String to, long at) {
    return new TransitionRecord(
        entry.phase(),
        to,
        TransitionReason.of(entry.failed()),
        entry.error(),
        entry.openedAt(),
        at,
        entry.jobs(),
        entry.byHandler(),
        entry.retried());
  }
}
