package io.phaseflow.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.TimedOut;
import io.phaseflow.engine.deployed.EnumeratingHandlers;
import io.phaseflow.engine.deployed.HandlerVersions;
import io.phaseflow.engine.plan.EntryPlanner;
import io.phaseflow.engine.plan.Plan;
import io.phaseflow.engine.schedule.Scheduler;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Messages;
import io.phaseflow.handlers.protocol.Priority;
import io.phaseflow.handlers.protocol.Queues;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An engine process: starts workflows, and runs the JobFinished monitor and the transition service
 * on the bus. It holds no workflow state of its own (that is all in the {@link StateStore}), so any
 * number may run against one store and bus. Thread-safe.
 */
public final class Engine implements AutoCloseable {

  /** Default limit on a workflow's input and on a job's output: 256 KiB of JSON. */
  public static final int DEFAULT_MAX_BYTES = 256 * 1024;

  private final StateStore store;
  private final MessageBus bus;
  private final PlanCatalog plans;
  private final Clock clock;
  private final WorkflowIds ids;
  private final PhaseEntering entering;
  private final HandlerVersions versions;
  private final JobFinishedMonitor monitor;
  private final HeartbeatMonitor heartbeats;
  private final DeadlineWatchdog watchdog;
  private final TransitionService transitions;
  private final WorkflowControl control;
  private final Scheduler scheduler;
  private final int concurrency;
  private final int maxInputBytes;
  private final List<MessageBus.Subscription> subscriptions = new ArrayList<>();

  Engine(EngineBuilder b) {
    this.store = Objects.requireNonNull(b.store, "store");
    this.bus = Objects.requireNonNull(b.bus, "bus");
    this.plans = b.plans;
    this.clock = b.clock;
    this.ids = new WorkflowIds(clock);
    this.concurrency = b.concurrency;
    EarlierOutputs earlier = new EarlierOutputs(store, b.maxOutputBytes);
    this.versions = HandlerVersions.of(b.directory, b.handlers, clock);
    HandlerGate gate =
        new HandlerGate(store.limits(), store.attempts(), clock, b.metrics, b.random);
    JobDispatcher dispatcher =
        new JobDispatcher(store, store.attempts(), bus, clock, b.plans, earlier, gate);
    this.entering =
        new PhaseEntering(
            store,
            bus,
            new EntryPlanner(b.handlers, new EnumeratingHandlers(b.directory, clock), versions),
            dispatcher,
            b.listener,
            b.metrics,
            earlier,
            versions);
    this.monitor =
        new JobFinishedMonitor(
            store, bus, dispatcher, clock, b.maxOutputBytes, b.metrics, b.random);
    this.heartbeats = new HeartbeatMonitor(store, clock, gate);
    this.watchdog =
        new DeadlineWatchdog(
            store,
            monitor,
            entering,
            clock,
            b.metrics,
            b.random,
            b.watchdogLimit,
            b.watchdogInterval,
            gate);
    this.maxInputBytes = b.maxInputBytes;
    this.transitions = new TransitionService(store, plans, entering, clock);
    this.control =
        new WorkflowControl(store, bus, plans, entering, dispatcher, clock, b.metrics, b.listener);
    this.scheduler =
        b.schedules == null
            ? null
            : new Scheduler(b.schedules, store, new EngineStarts(this), clock, b.scheduleInterval);
  }

  public static EngineBuilder builder() {
    return new EngineBuilder();
  }

  /**
   * Starts consuming workflow starts, JobFinished, PhaseFinished and heartbeats, and the deadline
   * watchdog.
   */
  public synchronized Engine start() {
    if (subscriptions.isEmpty()) {
      subscriptions.add(
          bus.consume(
              Queues.JOB_HEARTBEAT, concurrency, deadLetterHopeless(heartbeats::onMessage)));
      watchdog.start();
      if (scheduler != null) {
        scheduler.start();
      }
      subscriptions.add(
          bus.consume(Queues.WORKFLOW_START, concurrency, deadLetterHopeless(this::onStart)));
      subscriptions.add(
          bus.consume(Queues.JOB_FINISHED, concurrency, deadLetterHopeless(monitor::onMessage)));
      subscriptions.add(
          bus.consume(
              Queues.PHASE_FINISHED, concurrency, deadLetterHopeless(transitions::onMessage)));
    }
    return this;
  }

  public PlanCatalog plans() {
    return plans;
  }

  public StateStore store() {
    return store;
  }

  /** Pause, resume, cancel and redrive of workflows. */
  public WorkflowControl control() {
    return control;
  }

  /**
   * Starts a workflow of the latest version of {@code definition}: checks the input, then hands the
   * start to the bus, where a running engine (this one, once {@link #start()}ed, or any other)
   * takes it. Returns once the bus has accepted it.
   *
   * @param input merged over the definition's {@code data} (top-level keys replace)
   * @return the new workflow's id
   * @throws io.phaseflow.engine.NotFound when the definition is unknown
   * @throws RejectedInput when the input is too large or not a JSON object, or no deployed version
   *     of a handler satisfies the definition's requirement ({@code "version": "~> 1.2"})
   */
  public String startWorkflow(String definition, JsonNode input) {
    return publishStart(definition, input, null, Priority.NORMAL);
  }

  /**
   * Starts a workflow as {@link #startWorkflow(String, JsonNode)} does, once per idempotency key:
   * the workflow's id is derived from {@code key}, so a key whose workflow is stored (running, or
   * finished within the retention) returns that id and starts nothing, and concurrent starts with
   * one key all publish the same id, which the store's {@code start} step takes once.
   *
   * @param key 1 to 200 characters naming the business operation; null starts a fresh workflow
   * @throws RejectedInput when the key is empty or too long, or as {@link #startWorkflow(String,
   *     JsonNode)}
   */
  public StartedWorkflow startWorkflow(String definition, JsonNode input, String key) {
    return startWorkflow(definition, input, key, Priority.NORMAL);
  }

  /**
   * Starts a workflow as {@link #startWorkflow(String, JsonNode, String)} does, with {@code
   * priority}: every job it ever runs (later phases, retries, redrives) is queued on its handler's
   * queue of that priority, which handler instances drain before lower ones ({@link
   * Queues#handler(String, int, Priority)}). A key whose workflow exists keeps that workflow's
   * priority.
   */
  public StartedWorkflow startWorkflow(
      String definition, JsonNode input, String key, Priority priority) {
    if (key == null) {
      return new StartedWorkflow(publishStart(definition, input, null, priority), false);
    }
    String id = WorkflowIds.forKey(key);
    if (store.workflow(id).isPresent()) {
      plans.latest(definition); // an unknown name is still an error, whatever the key
      return new StartedWorkflow(id, true);
    }
    return new StartedWorkflow(publishStart(definition, input, id, priority), false);
  }

  private String publishStart(String definition, JsonNode input, String id, Priority priority) {
    Plan plan = plans.latest(definition);
    plan.handlers().forEach(versions::resolve); // refuses a requirement nothing deployed meets
    JsonNode data = merge(plan.definition().data(), input);
    int size = data.toString().length();
    if (size > maxInputBytes) {
      throw new RejectedInput(
          String.format(
              "input of workflow '%s' is %,d bytes, over the limit of %,d; pass a reference (a"
                  + " path, a URL) to large data instead",
              definition, size, maxInputBytes));
    }
    WorkflowStart start =
        new WorkflowStart(
            id == null ? ids.next() : id,
            plan.name(),
            plan.version(),
            data,
            clock.millis(),
            priority == Priority.NORMAL ? null : priority.wire());
    bus.publish(Queues.WORKFLOW_START, Messages.encode(start));
    return start.id();
  }

  /** An engine takes a start: stores the workflow in its first entry and sets it going, once. */
  private void onStart(byte[] body) {
    WorkflowStart start = WorkflowStart.decode(body);
    Plan plan = plans.get(start.definition(), start.version());
    entering.start(
        plan,
        WorkflowRecord.created(
            start.id(),
            start.definition(),
            start.version(),
            start.data(),
            start.createdAt(),
            start.priorityLevel()));
  }

  /**
   * Waits until workflow {@code id} has started and ended (a paused workflow has not ended).
   *
   * @throws TimedOut when it has not ended after {@code timeout}, saying where it was
   */
  public WorkflowRecord await(String id, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String where = "not read yet";
    while (true) {
      try {
        WorkflowRecord wf = store.workflow(id).orElse(null);
        if (wf == null) {
          where = "not started yet (is an engine running?)";
        } else if (wf.status().ended()) {
          return wf;
        } else {
          where =
              "in phase '"
                  + wf.phase()
                  + "'"
                  + (wf.status() == WorkflowStatus.PAUSED ? " (paused: resume it)" : "");
        }
      } catch (PhaseflowException e) {
        if (!e.retryable()) {
          throw e;
        }
        where = "unknown (" + e.getMessage() + ")";
      }
      if (System.nanoTime() > deadline) {
        throw new TimedOut(
            "workflow " + id + " still running after " + timeout + "; last seen " + where);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TimedOut("interrupted while waiting for workflow " + id, e);
      }
    }
  }

  /**
   * A message that fails for a reason that will not go away would be redelivered forever: it goes
   * to the dead letters with the reason instead. Retryable failures (a server down) are
   * redelivered. A start naming a definition version that is not stored is such a message: plans
   * are looked up in Redis, which every engine shares, on a miss, and a version is stored before
   * anything can start it and never removed, so no other engine could take it either.
   */
  private static MessageBus.Consumer deadLetterHopeless(MessageBus.Consumer consumer) {
    return body -> {
      try {
        consumer.accept(body);
      } catch (PhaseflowException e) {
        if (e.retryable()) {
          throw e;
        }
        throw new Messages.MalformedMessageException(e.getMessage(), e);
      }
    };
  }

  /**
   * One pass of the deadline watchdog: fails or retries the attempts whose deadline passed and
   * dispatches the retries whose backoff ended. Runs every watchdog interval once started.
   */
  public void checkDeadlines() {
    watchdog.checkSafely();
  }

  /**
   * One pass of the scheduler, when the engine was given schedules: fires (or skips) each due tick
   * this engine claims; returns how many it fired. Runs every schedule interval once started.
   */
  public int checkSchedules() {
    return scheduler == null ? 0 : scheduler.pass();
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.stop();
    }
    watchdog.stop();
    subscriptions.forEach(MessageBus.Subscription::close);
    subscriptions.clear();
  }

  private static JsonNode merge(JsonNode defaults, JsonNode input) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    if (defaults != null && defaults.isObject()) {
      data.setAll((ObjectNode) defaults);
    }
    if (input != null && input.isObject()) {
      data.setAll((ObjectNode) input);
    } else if (input != null && !input.isNull() && !input.isMissingNode()) {
      throw new RejectedInput("workflow input must be a JSON object, got " + input.getNodeType());
    }
    return data;
  }
}
