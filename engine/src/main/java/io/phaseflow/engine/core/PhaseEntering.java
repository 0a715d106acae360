package io.phaseflow.engine.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.deployed.HandlerVersions;
import io.phaseflow.engine.metrics.EngineMetrics;
import io.phaseflow.engine.plan.EntryPlanner;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.plan.Plan;
import io.phaseflow.engine.state.EntrySnapshot;
import io.phaseflow.engine.state.JobOutputs;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.JobStatus;
import io.phaseflow.engine.state.NewEntry;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.TransitionReason;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.state.WorkflowSteps;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Messages;
import io.phaseflow.handlers.protocol.Queues;
import java.util.List;

/**
 * Moves a workflow into a phase (or out of its last one): plans the entry's jobs, stores the move
 * with a compare-and-set, then publishes what the move made ready. When the move was already stored
 * (a redelivered message, or a crash between store and publish), it publishes again what is still
 * ready, since handlers and the monitor are idempotent. Thread-safe.
 */
final class PhaseEntering {
  private final StateStore store;
  private final MessageBus bus;
  private final EntryPlanner planner;
  private final JobDispatcher dispatcher;
  private final WorkflowListener listener;
  private final EngineMetrics metrics;
  private final EarlierOutputs earlier;
  private final HandlerVersions versions;

  PhaseEntering(
      StateStore store,
      MessageBus bus,
      EntryPlanner planner,
      JobDispatcher dispatcher,
      WorkflowListener listener,
      EngineMetrics metrics,
      EarlierOutputs earlier) {
    this(store, bus, planner, dispatcher, listener, metrics, earlier, HandlerVersions.NONE);
  }

  /**
   * @param versions what the planner resolved each handler's requirement to, for the history note
   */
  PhaseEntering(
      StateStore store,
      MessageBus bus,
      EntryPlanner planner,
      JobDispatcher dispatcher,
      WorkflowListener listener,
      EngineMetrics metrics,
      EarlierOutputs earlier,
      HandlerVersions versions) {
    this.versions = versions;
    this.earlier = earlier;
    this.metrics = metrics;
    this.store = store;
    this.bus = bus;
    this.planner = planner;
    this.dispatcher = dispatcher;
    this.listener = listener;
  }

  /**
   * Stores a new workflow in its initial phase (atomically) and sets that phase going; a repeat
   * publishes again what the first entry still needs.
   */
  void start(Plan plan, WorkflowRecord wf) {
    ObjectNode inputs = JsonNodeFactory.instance.objectNode();
    NewEntry first = plan(plan, wf, plan.table().initial(), inputs);
    if (store.start(wf, first) == WorkflowSteps.Started.ALREADY_EXISTS) {
      resume(wf.id(), first.entry()); // a redelivered start: make sure its first entry goes on
      return;
    }
    metrics.workflowStarted(wf.definition());
    opened(wf, TransitionRecord.started(first.phase(), wf.createdAt()), first, false, inputs);
  }

  /**
   * Enters {@code phase}, leaving the workflow's current entry as {@code record} describes.
   *
   * @param leaving the jobs of the entry being left: their outputs are the new entry's inputs
   */
  void enter(
      Plan plan,
      WorkflowRecord wf,
      TransitionRecord record,
      String phase,
      boolean viaError,
      List<JobRecord> leaving) {
    ObjectNode inputs = JobOutputs.byHandler(leaving);
    NewEntry next = plan(plan, wf, phase, inputs);
    record = withVersions(record, plan, next);
    if (store.advance(wf.id(), wf.entry(), record, next, viaError, null)
        == WorkflowSteps.Advanced.ALREADY_MOVED) {
      resume(wf.id(), next.entry()); // someone else moved it: make sure what it opened goes on
      return;
    }
    transitioned(wf, record);
    opened(wf, record, next, viaError, inputs);
  }

  /** The workflow's next entry, into {@code phase}; a planning failure is kept as its error. */
  NewEntry plan(Plan plan, WorkflowRecord wf, String phase, ObjectNode inputs) {
    List<JobSpec> jobs = List.of();
    String planningError = null;
    try {
      jobs =
          planner.plan(
              plan, phase, wf.id(), wf.data(), inputs, p -> earlier.latest(wf.id(), wf.entry(), p));
      checkInputsFrom(plan, phase, wf);
    } catch (PhaseflowException e) {
      planningError = e.getMessage();
    }
    return new NewEntry(wf.entry() + 1, phase, jobs, planningError);
  }

  /**
   * The history line into {@code next} noting the full version each handler's requirement resolved
   * to ({@code versions: PageDownloader ~> 1.2 = 1.4.0}): the job specs store only the major. As it
   * was, when every requirement is a plain major or the planning failed (its error says why).
   */
  private TransitionRecord withVersions(TransitionRecord record, Plan plan, NewEntry next) {
    if (next.planningError() != null) {
      return record;
    }
    String note;
    try {
      note = versions.note(plan.handlersOf(next.phase()));
    } catch (PhaseflowException e) {
      return record; // the deployed versions changed since planning: the specs hold the major
    }
    if (note == null) {
      return record;
    }
    return new TransitionRecord(
        record.from(),
        record.to(),
        record.reason(),
        record.error(),
        record.enteredAt(),
        record.at(),
        record.jobs(),
        record.byHandler(),
        record.retried(),
        record.by(),
        record.note() == null ? note : record.note() + "; " + note);
  }

  /**
   * The phases the handlers' {@code inputs_from} name must have outputs within the limit, or the
   * entry fails now, naming the phase, rather than when its jobs are dispatched.
   */
  private void checkInputsFrom(Plan plan, String phase, WorkflowRecord wf) {
    if (plan.isTaskGraph()) {
      return;
    }
    for (var ref : plan.handlersOf(phase)) {
      ref.inputsFrom().forEach(p -> earlier.latest(wf.id(), wf.entry(), p));
    }
  }

  /** After {@code next} was stored: tell the listener, then publish what it made ready. */
  void opened(
      WorkflowRecord wf,
      TransitionRecord record,
      NewEntry next,
      boolean viaError,
      ObjectNode inputs) {
    WorkflowRecord moved = wf.moved(next.phase(), next.entry(), wf.status(), viaError, record.at());
    listener.transitioned(moved, record);
    if (next.closedAtOnce()) {
      bus.publish(Queues.PHASE_FINISHED, Messages.encode(new PhaseFinished(wf.id(), next.entry())));
      return;
    }
    // What was just stored is known: dispatch the jobs without parents without reading it back.
    List<JobRecord> roots =
        next.readyJobs().stream()
            .map(j -> new JobRecord(j, JobStatus.READY, 1, null, null))
            .toList();
    dispatcher.dispatch(moved, next.entry(), next.phase(), roots, inputs);
  }

  /** Ends the workflow, leaving its last entry as {@code record} describes. */
  void finish(WorkflowRecord wf, TransitionRecord record, boolean succeeded) {
    WorkflowStatus status = succeeded ? WorkflowStatus.SUCCEEDED : WorkflowStatus.FAILED;
    if (store.advance(wf.id(), wf.entry(), record, null, false, status)
        == WorkflowSteps.Advanced.ADVANCED) {
      transitioned(wf, record);
      metrics.workflowFinished(wf.definition(), EngineMetrics.Outcome.of(succeeded));
      WorkflowRecord ended = store.workflow(wf.id()).orElseThrow();
      listener.transitioned(ended, record);
      listener.finished(ended);
    }
  }

  /** Reports a stored move (only the move that won the compare-and-set, never a repeat). */
  private void transitioned(WorkflowRecord wf, TransitionRecord record) {
    metrics.transitioned(
        wf.definition(),
        record.from(),
        record.to(),
        EngineMetrics.Outcome.of(record.reason() != TransitionReason.FAILED),
        record.durationMillis());
  }

  /**
   * Publishes what entry {@code entry} of a workflow needs to go on: its ready jobs, or its
   * PhaseFinished once closed. Safe to repeat.
   */
  void resume(String workflowId, int entry) {
    EntrySnapshot snapshot = store.snapshot(workflowId, entry).orElse(null);
    if (snapshot == null) {
      return;
    }
    WorkflowRecord wf = snapshot.workflow();
    if (wf.entry() != entry || wf.status() != WorkflowStatus.RUNNING) {
      return;
    }
    if (snapshot.entry().closed()) {
      bus.publish(Queues.PHASE_FINISHED, Messages.encode(new PhaseFinished(workflowId, entry)));
      return;
    }
    List<JobRecord> ready =
        snapshot.jobs().stream().filter(j -> j.status() == JobStatus.READY).toList();
    dispatcher.dispatch(wf, entry, snapshot.entry().phase(), ready);
  }
}
