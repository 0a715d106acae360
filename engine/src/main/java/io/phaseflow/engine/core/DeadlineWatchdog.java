package io.phaseflow.engine.core;

import io.phaseflow.engine.metrics.EngineMetrics;
import io.phaseflow.engine.plan.CompletionRules;
import io.phaseflow.engine.plan.JobDecision;
import io.phaseflow.engine.state.AttemptSteps;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.handlers.protocol.JobFinished;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on attempts whose deadline passed and retries whose backoff ended. Each {@link #check} reads
 * a bounded number of each per shard; each expiry is a failure of the attempt ({@code timed out
 * after 30s (attempt 2 of 3)}) that {@link CompletionRules#timedOut} turns into a retry after
 * backoff or the job's failure, taken through the monitor's compare-and-set steps; each due retry
 * is released and dispatched once, and each owed entry a dead process left (see {@link
 * io.phaseflow.engine.state.AttemptSteps#owe}) is published once. So every engine process runs one,
 * and watchdogs racing on an attempt act once. Thread-safe.
 */
final class DeadlineWatchdog {
  private static final Logger log = LoggerFactory.getLogger(DeadlineWatchdog.class);

  private final StateStore store;
  private final JobFinishedMonitor monitor;
  private final PhaseEntering entering;
  private final Clock clock;
  private final EngineMetrics metrics;
  private final DoubleSupplier random;
  private final int limit;
  private final Duration interval;
  private final HandlerGate gate;
  private ScheduledExecutorService thread;

  /**
   * How often due attempts are taken while a handler limit is set: a job a limit deferred asks
   * again after 100-250 ms, so a pass a second would hold a limited handler to a few jobs a second.
   */
  static final Duration LIMITED_DUE_INTERVAL = Duration.ofMillis(100);

  /**
   * @param limit the most expired attempts, and the most due retries, taken per shard per check
   */
  DeadlineWatchdog(
      StateStore store,
      JobFinishedMonitor monitor,
      PhaseEntering entering,
      Clock clock,
      EngineMetrics metrics,
      DoubleSupplier random,
      int limit,
      Duration interval) {
    this(store, monitor, entering, clock, metrics, random, limit, interval, HandlerGate.none());
  }

  /**
   * @param gate whether any handler limit is set: then due attempts are taken every {@link
   *     #LIMITED_DUE_INTERVAL} too
   */
  DeadlineWatchdog(
      StateStore store,
      JobFinishedMonitor monitor,
      PhaseEntering entering,
      Clock clock,
      EngineMetrics metrics,
      DoubleSupplier random,
      int limit,
      Duration interval,
      HandlerGate gate) {
    this.gate = gate;
    this.interval = interval;
    this.store = store;
    this.monitor = monitor;
    this.entering = entering;
    this.clock = clock;
    this.metrics = metrics;
    this.random = random;
    this.limit = limit;
  }

  /** Runs {@link #checkSafely} every interval on a daemon thread of its own, until stopped. */
  synchronized void start() {
    if (thread == null) {
      thread = DaemonScheduler.single("phaseflow-watchdog");
      long every = interval.toMillis();
      thread.scheduleWithFixedDelay(this::checkSafely, every, every, TimeUnit.MILLISECONDS);
      long often = LIMITED_DUE_INTERVAL.toMillis();
      if (often < every) {
        thread.scheduleWithFixedDelay(this::checkDueIfLimited, often, often, TimeUnit.MILLISECONDS);
      }
    }
  }

  synchronized void stop() {
    if (thread != null) {
      thread.shutdownNow();
      thread = null;
    }
  }

  /** One pass that never throws: a failure (Redis down, say) is logged; the next pass retries. */
  void checkSafely() {
    try {
      check();
    } catch (RuntimeException e) {
      log.warn("deadline watchdog: {}", e.getMessage());
    }
  }

  /** A pass over due attempts only, when a handler limit is set; never throws. */
  private void checkDueIfLimited() {
    try {
      if (gate.anyLimit()) {
        checkDue(clock.millis());
      }
    } catch (RuntimeException e) {
      log.warn("deadline watchdog: {}", e.getMessage());
    }
  }

  /** One pass: expired attempts first (they may make retries due), then due retries. */
  void check() {
    long now = clock.millis();
    for (AttemptSteps.Attempt a : store.attempts().expired(now, limit)) {
      expire(a, now);
    }
    checkDue(now);
  }

  private void checkDue(long now) {
    for (AttemptSteps.Attempt a : store.attempts().due(now, limit)) {
      if (a.isOwed()) {
        // The control step's process died before it published: publish what the entry needs.
        if (store.attempts().settle(a)) {
          entering.resume(a.workflowId(), a.entry());
        }
        continue;
      }
      Optional<Current> current = inCurrentEntry(a);
      if (current.isEmpty()) {
        store.attempts().disarm(a);
      } else {
        monitor.dispatchDue(a, current.get().workflow(), current.get().job(), now);
      }
    }
  }

  /** An attempt's workflow and job, read once for the decision and the dispatch. */
  private record Current(WorkflowRecord workflow, JobRecord job) {}

  /**
   * The attempt's workflow and job, if the workflow still stands in the attempt's entry and has not
   * ended: an attempt of a workflow that expired, ended or moved on has nothing left to time out or
   * run.
   */
  private Optional<Current> inCurrentEntry(AttemptSteps.Attempt a) {
    return store
        .workflow(a.workflowId())
        .filter(wf -> wf.entry() == a.entry() && !wf.status().ended())
        .flatMap(wf -> store.job(a.workflowId(), a.entry(), a.job()).map(j -> new Current(wf, j)));
  }

  private void expire(AttemptSteps.Attempt a, long now) {
    Optional<JobRecord> job = inCurrentEntry(a).map(Current::job);
    if (job.isEmpty()) {
      store.attempts().disarm(a);
      return;
    }
    var spec = job.get().spec();
    long waited = spec.policy().timeoutMillis();
    JobDecision decision = CompletionRules.timedOut(spec, a.attempt(), random);
    String error = CompletionRules.timeoutError(spec, a.attempt());
    JobFinished timedOut =
        new JobFinished(
            a.workflowId(),
            a.entry(),
            a.job(),
            a.attempt(),
            spec.handler(),
            false,
            null,
            error,
            true,
            Math.max(0, now - waited), // when it was dispatched, or its last heartbeat
            now);
    if (monitor.act(timedOut, job, decision, false)) {
      metrics.jobTimedOut(spec.handler());
      log.debug("{}/{}#{} {}", a.workflowId(), a.entry(), a.job(), error);
    } else if (job.get().attempt() != a.attempt() || job.get().status().isTerminal()) {
      store.attempts().disarm(a); // ended or superseded meanwhile: its deadline is moot
    }
  }
}
