package io.phaseflow.engine.core;

import io.phaseflow.engine.NotFound;
import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.StateConflict;
import io.phaseflow.engine.metrics.EngineMetrics;
import io.phaseflow.engine.state.AttemptSteps;
import io.phaseflow.engine.state.ControlAction;
import io.phaseflow.engine.state.Controlled;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.JobOutputs;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.NewEntry;
import io.phaseflow.engine.state.RedriveRules;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Messages;
import io.phaseflow.handlers.protocol.Queues;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A person's pause, resume, cancel and redrive of a workflow: reads what the step needs, takes it
 * as one compare-and-set step of the store (repeated if the workflow moved meanwhile), then
 * publishes what the step let go. No message is redelivered if this process dies between a resume
 * or redrive step and its publishing, so the step's publications are owed first ({@link
 * AttemptSteps#owe}): a watchdog publishes them if this process does not. Thread-safe.
 */
public final class WorkflowControl {
  /** How often a step is tried again when the workflow moves between the read and the step. */
  private static final int TRIES = 20;

  /**
   * How long after a resume or redrive its publications are owed before any watchdog publishes
   * them: longer than the step and its publishing take, so a watchdog steps in only for a process
   * that died (or stalled) in between. Publishing twice costs a duplicate, never a wrong count.
   */
  static final Duration OWED_FOR = Duration.ofSeconds(10);

  private final StateStore store;
  private final MessageBus bus;
  private final PlanCatalog plans;
  private final PhaseEntering entering;
  private final JobDispatcher dispatcher;
  private final Clock clock;
  private final EngineMetrics metrics;
  private final WorkflowListener listener;

  WorkflowControl(
      StateStore store,
      MessageBus bus,
      PlanCatalog plans,
      PhaseEntering entering,
      JobDispatcher dispatcher,
      Clock clock,
      EngineMetrics metrics,
      WorkflowListener listener) {
    this.listener = listener;
    this.store = store;
    this.bus = bus;
    this.plans = plans;
    this.entering = entering;
    this.dispatcher = dispatcher;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * Applies {@code action} to workflow {@code id} and returns the workflow after it.
   *
   * @param by who acts, e.g. the OS user or {@code api 10.0.0.7}
   * @param note why, or null
   * @throws NotFound when there is no such workflow (or it expired)
   * @throws StateConflict when the action does not apply to the workflow's status, saying what does
   */
  public WorkflowRecord apply(String id, ControlAction action, String by, String note) {
    for (int i = 0; i < TRIES; i++) {
      WorkflowRecord wf = store.workflow(id).orElseThrow(() -> notFound(id));
      if (!action.allowedFrom(wf.status())) {
        throw new StateConflict(action.refusal(id, wf.status()));
      }
      TransitionRecord line =
          TransitionRecord.control(
              action,
              wf.phase(),
              action == ControlAction.CANCEL ? null : wf.phase(),
              by,
              note,
              clock.millis());
      Stepped step =
          action == ControlAction.REDRIVE ? redrive(wf, by, note) : control(wf, action, line);
      Controlled c = step.controlled();
      switch (c.result()) {
        case NOT_FOUND -> throw notFound(id);
        case REFUSED -> throw new StateConflict(action.refusal(id, c.status()));
        case APPLIED -> {
          metrics.controlled(wf.definition(), action.verb());
          WorkflowRecord after = step.after();
          if (action != ControlAction.REDRIVE) { // a redrive's line was told as it entered
            listener.transitioned(after, line);
          }
          if (after.status().ended()) {
            listener.finished(after);
          }
          return after;
        }
        case MOVED -> {} // it moved on between the read and the step: read again
      }
    }
    throw new StateConflict(
        "workflow " + id + " kept moving while trying to " + action.verb() + " it; try again");
  }

  /**
   * A step's outcome and, when applied, the workflow as the step left it: read before what it let
   * go is published, so a fast handler cannot have moved it on yet when the caller reports it.
   */
  private record Stepped(Controlled controlled, WorkflowRecord after) {}

  private Stepped control(WorkflowRecord wf, ControlAction action, TransitionRecord line) {
    if (action != ControlAction.RESUME) {
      Controlled c = store.control(wf.id(), action, wf.entry(), line);
      return new Stepped(c, c.result() == Controlled.Result.APPLIED ? read(wf.id()) : null);
    }
    AttemptSteps.Attempt owed = owe(wf.id(), wf.entry());
    Controlled c = store.control(wf.id(), action, wf.entry(), line);
    WorkflowRecord after = null;
    if (c.result() == Controlled.Result.APPLIED) {
      after = read(wf.id());
      // What the pause held goes now: the jobs made ready meanwhile, or the closed entry's move.
      WorkflowRecord running =
          wf.moved(wf.phase(), wf.entry(), WorkflowStatus.RUNNING, false, line.at());
      dispatcher.dispatch(running, wf.entry(), wf.phase(), c.released());
      if (c.entryClosed()) {
        bus.publish(Queues.PHASE_FINISHED, Messages.encode(new PhaseFinished(wf.id(), wf.entry())));
      }
    }
    store.attempts().settle(owed); // published, or nothing to publish
    return new Stepped(c, after);
  }

  private WorkflowRecord read(String id) {
    return store.workflow(id).orElseThrow(() -> notFound(id));
  }

  /** Records what the coming step will owe, in case this process dies before it publishes. */
  private AttemptSteps.Attempt owe(String id, int entry) {
    AttemptSteps.Attempt owed = AttemptSteps.Attempt.owed(id, entry);
    store.attempts().owe(owed, clock.millis() + OWED_FOR.toMillis());
    return owed;
  }

  private Stepped redrive(WorkflowRecord wf, String by, String note) {
    List<EntryRecord> entries = new ArrayList<>();
    for (int n = 1; n <= wf.entry(); n++) {
      store.entry(wf.id(), n).ifPresent(entries::add);
    }
    EntryRecord target =
        RedriveRules.target(entries)
            .orElseThrow(
                () ->
                    new StateConflict(
                        "cannot redrive workflow "
                            + wf.id()
                            + ": none of its phases failed (it stopped at its transition"
                            + " limit, max_transitions); start it again instead"));
    var inputs = JobOutputs.byHandler(store.jobs(wf.id(), target.entry() - 1));
    WorkflowRecord running =
        new WorkflowRecord(
            wf.id(),
            wf.definition(),
            wf.version(),
            wf.data(),
            wf.phase(),
            wf.entry(),
            WorkflowStatus.RUNNING,
            false,
            wf.createdAt(),
            wf.updatedAt(),
            wf.priority());
    // The same jobs run again (no handler's code is needed to plan them, so any process can
    // redrive); only an entry whose planning failed is planned anew.
    List<JobRecord> earlier = store.jobs(wf.id(), target.entry());
    NewEntry planned =
        earlier.isEmpty()
            ? entering.plan(
                plans.get(wf.definition(), wf.version()), running, target.phase(), inputs)
            : new NewEntry(
                wf.entry() + 1,
                target.phase(),
                earlier.stream().map(JobRecord::spec).toList(),
                null);
    NewEntry next =
        new NewEntry(
            planned.entry(),
            planned.phase(),
            planned.jobs(),
            planned.planningError(),
            RedriveRules.carried(earlier, planned.jobs()));
    TransitionRecord line =
        TransitionRecord.control(
            ControlAction.REDRIVE, wf.phase(), target.phase(), by, note, clock.millis());
    AttemptSteps.Attempt owed = owe(wf.id(), next.entry());
    Controlled c = store.redrive(wf.id(), wf.entry(), line, next);
    WorkflowRecord after = null;
    if (c.result() == Controlled.Result.APPLIED) {
      after = read(wf.id());
      entering.opened(running, line, next, false, inputs);
    }
    store.attempts().settle(owed);
    return new Stepped(c, after);
  }

  private static PhaseflowException notFound(String id) {
    return new NotFound("no workflow " + id + " (never started, or expired after its retention)");
  }
}
