package io.phaseflow.engine.core;

import io.phaseflow.engine.deployed.HandlerDirectory;
import io.phaseflow.engine.metrics.EngineMetrics;
import io.phaseflow.engine.schedule.ScheduleStore;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.protocol.MessageBus;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** Configures an {@link Engine}. Not thread-safe. */
public final class EngineBuilder {
  StateStore store;
  MessageBus bus;
  PlanCatalog plans = new PlanCatalog();
  HandlerRegistry handlers = new HandlerRegistry();
  Clock clock = Clock.systemUTC();
  WorkflowListener listener = WorkflowListener.NONE;
  EngineMetrics metrics = EngineMetrics.NONE;
  HandlerDirectory directory = HandlerDirectory.NONE;
  int concurrency = 2;
  int maxOutputBytes = Engine.DEFAULT_MAX_BYTES;
  int maxInputBytes = Engine.DEFAULT_MAX_BYTES;
  Duration watchdogInterval = Duration.ofSeconds(1);
  int watchdogLimit = 100;
  ScheduleStore schedules;
  Duration scheduleInterval = Duration.ofSeconds(1);
  DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

  /**
   * How often the deadline watchdog looks for timed-out attempts and due retries (1 s by default):
   * a timeout or a backoff ends up to this much late.
   */
  public EngineBuilder watchdogInterval(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("watchdog interval must be positive, got " + interval);
    }
    this.watchdogInterval = interval;
    return this;
  }

  /** The most expired attempts (and due retries) one watchdog pass takes per shard (100). */
  public EngineBuilder watchdogLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("watchdog limit must be at least 1, got " + limit);
    }
    this.watchdogLimit = limit;
    return this;
  }

  /**
   * The schedules this engine fires once {@link Engine#start()}ed (each tick once between all the
   * engines sharing the store); none by default.
   */
  public EngineBuilder schedules(ScheduleStore schedules) {
    this.schedules = schedules;
    return this;
  }

  /** How often the engine looks for due schedule ticks (1 s by default). */
  public EngineBuilder scheduleInterval(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("schedule interval must be positive, got " + interval);
    }
    this.scheduleInterval = interval;
    return this;
  }

  /** Numbers in [0, 1) for the jitter of retry delays; a seeded one makes delays repeatable. */
  public EngineBuilder random(DoubleSupplier random) {
    this.random = Objects.requireNonNull(random, "random");
    return this;
  }

  /** The largest job output (JSON characters) kept; a larger one fails its job. */
  public EngineBuilder maxOutputBytes(int bytes) {
    this.maxOutputBytes = bytes;
    return this;
  }

  /** The largest workflow input (JSON characters) accepted at start. */
  public EngineBuilder maxInputBytes(int bytes) {
    this.maxInputBytes = bytes;
    return this;
  }

  public EngineBuilder store(StateStore store) {
    this.store = store;
    return this;
  }

  public EngineBuilder bus(MessageBus bus) {
    this.bus = bus;
    return this;
  }

  public EngineBuilder plans(PlanCatalog plans) {
    this.plans = plans;
    return this;
  }

  /** Handlers known in this process; asked to enumerate their phase's jobs. */
  public EngineBuilder handlers(HandlerRegistry handlers) {
    this.handlers = handlers;
    return this;
  }

  /**
   * The cluster's handler directory: a phase naming a handler this engine lacks, which its
   * processes announce as enumerating its own jobs, fails naming it instead of running one job.
   */
  public EngineBuilder handlerDirectory(HandlerDirectory directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
    return this;
  }

  public EngineBuilder clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  public EngineBuilder listener(WorkflowListener listener) {
    this.listener = listener;
    return this;
  }

  /**
   * Where the engine reports workflows, jobs and transitions; {@link EngineMetrics#NONE} by
   * default.
   */
  public EngineBuilder metrics(EngineMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    return this;
  }

  /** Consumer threads for each of the engine's two queues. */
  public EngineBuilder concurrency(int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
    }
    this.concurrency = concurrency;
    return this;
  }

  public Engine build() {
    return new Engine(this);
  }
}
