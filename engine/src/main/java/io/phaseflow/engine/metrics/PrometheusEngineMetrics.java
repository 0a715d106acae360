package io.phaseflow.engine.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Queues;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EngineMetrics} kept in a Micrometer {@link PrometheusMeterRegistry}, read with {@link
 * #scrape()} in the Prometheus text format. Besides the engine's events it reports the depth of
 * every queue {@code queues} names ({@code phaseflow_queue_depth}), read from the bus at scrape
 * time and kept for a second, so that many scrapes at once ask the broker once.
 *
 * <p>Thread-safe: events may be reported from any thread while another scrapes.
 */
public final class PrometheusEngineMetrics implements EngineMetrics {
  private static final Logger log = LoggerFactory.getLogger(PrometheusEngineMetrics.class);

  /** How long queue depths read from the bus are reused. */
  static final Duration DEPTH_TTL = Duration.ofSeconds(1);

  /** Label value of {@code to} when a workflow finished (left its last phase). */
  public static final String END = "(end)";

  // A job takes milliseconds to minutes; a phase up to hours. Few buckets: each is a series per
  // label set.
  private static final Duration[] JOB_BUCKETS =
      millis(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000);
  private static final Duration[] PHASE_BUCKETS =
      millis(10, 50, 100, 500, 1_000, 5_000, 10_000, 30_000, 60_000, 300_000, 900_000, 3_600_000);

  private final PrometheusMeterRegistry registry;
  private final MessageBus bus;
  private final Supplier<? extends Collection<String>> queues;
  private final Clock clock;
  private final Meter.MeterProvider<Counter> jobs;
  private final Meter.MeterProvider<Timer> jobDuration;
  private final Meter.MeterProvider<Counter> transitions;
  private final Meter.MeterProvider<Timer> phaseDuration;
  private final Meter.MeterProvider<Counter> started;
  private final Meter.MeterProvider<Counter> finished;
  private final Meter.MeterProvider<Counter> timeouts;
  private final Meter.MeterProvider<Counter> retries;
  private final Meter.MeterProvider<Counter> deferred;
  private final Meter.MeterProvider<Counter> stale;
  private final Meter.MeterProvider<Counter> controlled;
  private final Meter.MeterProvider<Counter> deadLetters;
  private final MultiGauge depths;
  private long depthsReadAt = Long.MIN_VALUE;

  /**
   * @param bus the bus whose queue depths to report
   * @param queues the queues to report, asked at each read (see {@link #engineAndHandlerQueues})
   * @param clock decides when read depths are old enough to read again
   */
  public PrometheusEngineMetrics(
      MessageBus bus, Supplier<? extends Collection<String>> queues, Clock clock) {
    this(bus, queues, clock, null);
  }

  /**
   * As {@link #PrometheusEngineMetrics(MessageBus, Supplier, Clock)}, every series labelled {@code
   * namespace} (the cluster's: its key prefix, {@code pf} by default), so that clusters sharing one
   * Prometheus stay apart; null for no such label.
   */
  public PrometheusEngineMetrics(
      MessageBus bus,
      Supplier<? extends Collection<String>> queues,
      Clock clock,
      String namespace) {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    if (namespace != null) { // before any meter: common tags apply to meters registered later
      registry.config().commonTags("namespace", namespace);
    }
    this.bus = bus;
    this.queues = queues;
    this.clock = clock;
    this.jobs =
        Counter.builder("phaseflow.jobs")
            .description("Jobs ended (recorded once each; retried attempts not counted)")
            .withRegistry(registry);
    this.jobDuration =
        Timer.builder("phaseflow.job.duration")
            .description("How long handlers worked on the jobs that ended")
            .serviceLevelObjectives(JOB_BUCKETS)
            .withRegistry(registry);
    this.transitions =
        Counter.builder("phaseflow.transitions")
            .description("Workflows leaving a phase; to=" + END + " when the workflow finished")
            .withRegistry(registry);
    this.phaseDuration =
        Timer.builder("phaseflow.phase.duration")
            .description("Time a workflow spent in a phase, entry to transition")
            .serviceLevelObjectives(PHASE_BUCKETS)
            .withRegistry(registry);
    this.started =
        Counter.builder("phaseflow.workflows.started")
            .description("Workflows stored in their first phase")
            .withRegistry(registry);
    this.finished =
        Counter.builder("phaseflow.workflows.finished")
            .description("Workflows that ended")
            .withRegistry(registry);
    this.timeouts =
        Counter.builder("phaseflow.job.timeouts")
            .description("Job attempts that passed their deadline (failed or retried)")
            .withRegistry(registry);
    this.retries =
        Counter.builder("phaseflow.job.retries")
            .description("Job attempts started again after a failure or a timeout")
            .withRegistry(registry);
    this.deferred =
        Counter.builder("phaseflow.job.deferrals")
            .description(
                "Job dispatches put off because the handler's limit (max concurrent or per second)"
                    + " was reached")
            .withRegistry(registry);
    this.stale =
        Counter.builder("phaseflow.stale.results")
            .description("Job results rejected because their attempt was no longer current")
            .withRegistry(registry);
    this.controlled =
        Counter.builder("phaseflow.workflows.controlled")
            .description("Pauses, resumes, cancels and redrives of workflows, by action")
            .withRegistry(registry);
    this.deadLetters =
        Counter.builder("phaseflow.dead.letters")
            .description(
                "Messages this process's consumers dead-lettered, by queue and reason class"
                    + " (unprocessable, consumer-failed)")
            .withRegistry(registry);
    this.depths =
        MultiGauge.builder("phaseflow.queue.depth")
            .description("Messages ready in the queue, waiting for a consumer")
            .register(registry);
  }

  public PrometheusEngineMetrics(MessageBus bus, Supplier<? extends Collection<String>> queues) {
    this(bus, queues, Clock.systemUTC());
  }

  /**
   * The engine's queues ({@link Queues#ENGINE}) and the queues of every handler in {@code
   * handlers}, one per priority ({@link Queues#handlerByPriority}), as registered when asked. A
   * queue that does not exist yet (no job of that priority was ever published) has no series.
   */
  public static Supplier<List<String>> engineAndHandlerQueues(HandlerRegistry handlers) {
    return () -> {
      List<String> names = new ArrayList<>(Queues.ENGINE);
      for (Handler h : handlers.all()) {
        names.addAll(Queues.handlerByPriority(h.name(), h.version()));
      }
      return names;
    };
  }

  /** The registry, to add other meters (JVM, process) to the same scrape. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Every metric in the Prometheus text exposition format, queue depths at most a second old. */
  public String scrape() {
    refreshDepths();
    return registry.scrape();
  }

  @Override
  public void workflowStarted(String definition) {
    started.withTags("definition", label(definition)).increment();
  }

  @Override
  public void jobEnded(String handler, Outcome outcome, long durationMillis) {
    String h = label(handler);
    jobs.withTags("handler", h, "outcome", outcome.label()).increment();
    jobDuration.withTags("handler", h).record(Math.max(0, durationMillis), TimeUnit.MILLISECONDS);
  }

  @Override
  public void jobTimedOut(String handler) {
    timeouts.withTags("handler", label(handler)).increment();
  }

  @Override
  public void jobDeferred(String handler) {
    deferred.withTags("handler", label(handler)).increment();
  }

  @Override
  public void jobRetried(String handler, long delayMillis) {
    retries.withTags("handler", label(handler)).increment();
  }

  @Override
  public void staleResult(String handler) {
    stale.withTags("handler", label(handler)).increment();
  }

  @Override
  public void transitioned(
      String definition, String from, String to, Outcome reason, long phaseMillis) {
    String d = label(definition);
    String f = label(from);
    transitions
        .withTags("definition", d, "from", f, "to", to == null ? END : to, "reason", reason.label())
        .increment();
    phaseDuration
        .withTags("definition", d, "phase", f)
        .record(Math.max(0, phaseMillis), TimeUnit.MILLISECONDS);
  }

  @Override
  public void workflowFinished(String definition, Outcome status) {
    finished.withTags("definition", label(definition), "status", status.label()).increment();
  }

  @Override
  public void controlled(String definition, String action) {
    controlled.withTags("definition", label(definition), "action", action).increment();
  }

  /**
   * A consumer of this process dead-lettered a message from {@code queue}; give it to the bus as
   * its dead-letter counter.
   */
  public void deadLettered(String queue, String reasonClass) {
    deadLetters.withTags("queue", label(queue), "reason", label(reasonClass)).increment();
  }

  /**
   * Reads the depths again when the last read is a second old; a queue that is missing is left out.
   */
  private synchronized void refreshDepths() {
    long now = clock.millis();
    if (depthsReadAt != Long.MIN_VALUE && now - depthsReadAt < DEPTH_TTL.toMillis()) {
      return;
    }
    depthsReadAt = now;
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (String queue : queues.get()) {
      OptionalLong depth;
      try {
        depth = bus.depth(queue);
      } catch (RuntimeException e) {
        log.warn("cannot read the depth of queue {}: {}", queue, e.getMessage());
        continue;
      }
      if (depth.isPresent()) {
        rows.add(MultiGauge.Row.of(Tags.of("queue", queue), depth.getAsLong()));
      }
    }
    depths.register(rows, true);
  }

  private static String label(String value) {
    return value == null ? "" : value;
  }

  private static Duration[] millis(long... values) {
    Duration[] durations = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      durations[i] = Duration.ofMillis(values[i]);
    }
    return durations;
  }
}
