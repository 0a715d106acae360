package io.phaseflow.engine.core;

import io.phaseflow.engine.metrics.EngineMetrics;
import io.phaseflow.engine.state.AttemptSteps;
import io.phaseflow.engine.state.HandlerLimit;
import io.phaseflow.engine.state.HandlerLimits;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.LeaseRules;
import java.time.Clock;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Holds a limited handler's jobs to its limits at dispatch (see {@link HandlerLimits}): before an
 * attempt of a limited handler is published it takes a lease until the attempt's deadline, or it is
 * deferred (put back in the due set, the same attempt, no retry counted) and dispatched again when
 * due. Whoever records an attempt's end releases its lease. The limits are read at most once per
 * {@link #REFRESH_MS}, so a handler without a limit costs no store call, and a limit set or cleared
 * takes effect within that time. Thread-safe.
 */
final class HandlerGate {
  /** How long the limits read from the store are used before they are read again. */
  static final long REFRESH_MS = 1_000;

  /** An attempt that found every lease held asks again after this, plus up to JITTER_MS. */
  static final long BUSY_RETRY_MS = 100;

  static final long JITTER_MS = 150;

  private record Read(List<HandlerLimit> limits, long at) {}

  private final HandlerLimits limits;
  private final AttemptSteps attempts;
  private final Clock clock;
  private final EngineMetrics metrics;
  private final DoubleSupplier random;
  private volatile Read read = new Read(List.of(), Long.MIN_VALUE / 2);

  /**
   * @param limits the limits and leases, or null for a gate that admits every job (tests of parts
   *     that do not limit)
   */
  HandlerGate(
      HandlerLimits limits,
      AttemptSteps attempts,
      Clock clock,
      EngineMetrics metrics,
      DoubleSupplier random) {
    this.limits = limits;
    this.attempts = attempts;
    this.clock = clock;
    this.metrics = metrics;
    this.random = random;
  }

  /** A gate that admits every job. */
  static HandlerGate none() {
    return new HandlerGate(null, null, Clock.systemUTC(), new EngineMetrics() {}, () -> 0);
  }

  /**
   * Whether {@code job} (its current attempt) may be published now; if not, it was deferred.
   *
   * @param deadline the attempt's deadline if it is published now: its lease's expiry
   */
  boolean admit(String workflowId, int entry, JobRecord job, long deadline, long now) {
    HandlerLimit limit = limitOf(job.spec().handler(), job.spec().version());
    if (limit == null) {
      return true;
    }
    AttemptSteps.Attempt a =
        new AttemptSteps.Attempt(workflowId, entry, job.spec().index(), job.attempt());
    long busyRetryAt = now + BUSY_RETRY_MS + (long) (random.getAsDouble() * JITTER_MS);
    LeaseRules.Decision d = limits.take(limit, a.member(), deadline, now, busyRetryAt);
    if (d.taken()) {
      return true;
    }
    attempts.defer(a, d.dueAt()); // not current any more: nothing to dispatch either way
    metrics.jobDeferred(limit.handler());
    return false;
  }

  /**
   * Frees the lease of an attempt that ended. The result names the handler, not its version, so
   * every limited version of it is released (a limited handler has few).
   */
  void release(String workflowId, int entry, int job, int attempt, String handler) {
    String member = new AttemptSteps.Attempt(workflowId, entry, job, attempt).member();
    for (HandlerLimit l : current()) {
      if (l.handler().equals(handler)) {
        limits.release(l, member);
      }
    }
  }

  /** Moves a running attempt's lease to its new deadline (it sent a heartbeat). */
  void extend(AttemptSteps.Attempt a, String handler, int version, long deadline) {
    HandlerLimit limit = limitOf(handler, version);
    if (limit != null) {
      limits.extend(limit, a.member(), deadline);
    }
  }

  /** Whether any handler has a limit (as last read). */
  boolean anyLimit() {
    return !current().isEmpty();
  }

  private HandlerLimit limitOf(String handler, int version) {
    for (HandlerLimit l : current()) {
      if (l.isFor(handler, version)) {
        return l;
      }
    }
    return null;
  }

  private List<HandlerLimit> current() {
    if (limits == null) {
      return List.of();
    }
    Read r = read;
    long now = clock.millis();
    if (now - r.at() >= REFRESH_MS || now < r.at()) {
      r = new Read(limits.all(), now);
      read = r;
    }
    return r.limits();
  }
}
