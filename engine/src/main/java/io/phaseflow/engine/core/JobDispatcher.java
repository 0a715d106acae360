package io.phaseflow.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.plan.Plan;
import io.phaseflow.engine.state.AttemptSteps;
import io.phaseflow.engine.state.JobOutputs;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.WorkflowReads;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Messages;
import io.phaseflow.handlers.protocol.Queues;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes ready jobs on their handler queues, each with the outputs of what ran before it: its
 * parents' outputs by task name, or, for a job without parents, the previous entry's outputs by
 * handler. Each attempt's deadline starts when it is dispatched: it is armed (its timeout from now)
 * just before its message is published, so a crash in between leaves a deadline that times the
 * attempt out and retries it, never a job without one. A wide entry's jobs go out in chunks of
 * {@link #CHUNK}. Jobs of a handler with {@code jobs_per_message} share messages ({@link
 * JobBatches}). Stateless; thread-safe.
 */
final class JobDispatcher {
  /**
   * Jobs armed and published at a time: a 100,000-job entry goes out in a stream, so the engine
   * holds one chunk's messages, never the whole fan-out's.
   */
  static final int CHUNK = 1_000;

  private final WorkflowReads store;
  private final AttemptSteps attempts;
  private final MessageBus bus;
  private final Clock clock;
  private final PlanCatalog plans;
  private final EarlierOutputs earlier;
  private final HandlerGate gate;

  /** A dispatcher that gives no job the outputs of phases before the previous one. */
  JobDispatcher(WorkflowReads store, AttemptSteps attempts, MessageBus bus, Clock clock) {
    this(store, attempts, bus, clock, null, null, HandlerGate.none());
  }

  /**
   * @param plans where a phase job's handler says which earlier phases' outputs it also gets
   *     ({@code inputs_from})
   * @param gate what holds limited handlers' jobs to their limits before they are published
   */
  JobDispatcher(
      WorkflowReads store,
      AttemptSteps attempts,
      MessageBus bus,
      Clock clock,
      PlanCatalog plans,
      EarlierOutputs earlier,
      HandlerGate gate) {
    this.gate = gate;
    this.plans = plans;
    this.earlier = earlier;
    this.store = store;
    this.attempts = attempts;
    this.bus = bus;
    this.clock = clock;
  }

  void dispatch(WorkflowRecord workflow, int entry, String phase, List<JobRecord> ready) {
    dispatch(workflow, entry, phase, ready, null);
  }

  /**
   * @param entryInputs the previous entry's outputs when the caller has them, else null
   */
  void dispatch(
      WorkflowRecord workflow,
      int entry,
      String phase,
      List<JobRecord> ready,
      JsonNode entryInputs) {
    if (ready.isEmpty()) {
      return;
    }
    List<JobRecord> siblings = null;
    java.util.Map<String, JsonNode> withEarlier = new java.util.HashMap<>();
    List<JobBatches.Ready> messages = new ArrayList<>(Math.min(ready.size(), CHUNK));
    List<AttemptSteps.Deadline> deadlines = new ArrayList<>(Math.min(ready.size(), CHUNK));
    long now = clock.millis();
    for (JobRecord job : ready) {
      if (messages.size() == CHUNK) {
        send(workflow.id(), entry, deadlines, messages);
        now = clock.millis();
      }
      long deadline = now + job.spec().policy().timeoutMillis();
      if (!gate.admit(workflow.id(), entry, job, deadline, now)) {
        continue; // its handler's limit deferred it: the watchdog dispatches it when due
      }
      deadlines.add(
          new AttemptSteps.Deadline(
              job.spec().index(),
              job.attempt(),
              deadline,
              job.spec().policy().heartbeatMillis() > 0));
      JsonNode inputs;
      if (job.spec().parents().isEmpty()) {
        if (entryInputs == null) {
          entryInputs = JobOutputs.byHandler(store.jobs(workflow.id(), entry - 1));
        }
        JsonNode previous = entryInputs;
        // once per handler of this dispatch, not once per job: it may read earlier entries
        inputs =
            withEarlier.computeIfAbsent(
                job.spec().handler() + " v" + job.spec().version(),
                k -> withInputsFrom(workflow, entry, phase, job, previous));
      } else {
        if (siblings == null) {
          siblings = store.jobs(workflow.id(), entry);
        }
        inputs = parentOutputs(job, siblings);
      }
      messages.add(
          new JobBatches.Ready(
              message(workflow, entry, phase, job, inputs), job.spec().policy().jobsPerMessage()));
    }
    send(workflow.id(), entry, deadlines, messages);
  }

  /** What holds limited handlers to their limits; whoever ends an attempt releases through it. */
  HandlerGate gate() {
    return gate;
  }

  /**
   * Arms a chunk's deadlines, then publishes its jobs, batched ({@link JobBatches}); empties both
   * lists for the next.
   */
  private void send(
      String workflowId,
      int entry,
      List<AttemptSteps.Deadline> deadlines,
      List<JobBatches.Ready> messages) {
    attempts.arm(workflowId, entry, deadlines);
    bus.publishAll(JobBatches.group(messages));
    deadlines.clear();
    messages.clear();
  }

  /**
   * A phase job's inputs with, when its handler lists {@code inputs_from}, each such phase's latest
   * outputs under the phase's name (entering the phase checked their size).
   */
  private JsonNode withInputsFrom(
      WorkflowRecord workflow, int entry, String phase, JobRecord job, JsonNode inputs) {
    if (plans == null) {
      return inputs;
    }
    Plan plan = plans.get(workflow.definition(), workflow.version());
    if (plan.isTaskGraph()) {
      return inputs;
    }
    List<String> from =
        plan.handlersOf(phase).stream()
            .filter(
                h ->
                    h.name().equals(job.spec().handler())
                        && h.requirement().admitsMajor(job.spec().version()))
            .findFirst()
            .map(h -> h.inputsFrom())
            .orElse(List.of());
    if (from.isEmpty()) {
      return inputs;
    }
    ObjectNode out = inputs.deepCopy();
    for (String p : from) {
      ObjectNode outputs = earlier.latest(workflow.id(), entry - 1, p);
      if (outputs != null) {
        out.set(p, outputs);
      }
    }
    return out;
  }

  private static ObjectNode parentOutputs(JobRecord job, List<JobRecord> siblings) {
    ObjectNode inputs = JsonNodeFactory.instance.objectNode();
    for (int parent : job.spec().parents()) {
      JobRecord p = siblings.get(parent);
      inputs.set(p.spec().name(), p.output());
    }
    return inputs;
  }

  private static MessageBus.Message message(
      WorkflowRecord workflow, int entry, String phase, JobRecord job, JsonNode in) {
    Job message =
        new Job(
            workflow.id(),
            phase,
            entry,
            job.spec().index(),
            job.attempt(),
            job.spec().handler(),
            job.spec().version(),
            job.spec().payload(),
            workflow.data(),
            in,
            job.spec().policy().heartbeatMillis());
    // the one place a job's queue is chosen: its handler's queue of the workflow's priority
    return new MessageBus.Message(
        Queues.handler(job.spec().handler(), job.spec().version(), workflow.priority()),
        Messages.encode(message));
  }
}
