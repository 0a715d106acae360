package io.phaseflow.engine.schedule;

import io.phaseflow.engine.state.WorkflowStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which tick of a schedule is due, and whether it fires or is skipped: a pure decision over the
 * schedule, what it did, the state of its last workflow and the time. Stateless.
 *
 * <p>Only the latest tick since the last claimed one is ever due: an engine that was down (or a
 * cluster with no engine) does not fire a burst of missed ticks on return, it fires the latest
 * missed one and passes over the others.
 */
final class TickRules {
  /**
   * How long a fired workflow that is not stored yet counts as running (its start waits in the
   * start queue for an engine); after that it counts as ended: its start was lost, or its keys
   * expired after the retention.
   */
  static final Duration PENDING_START = Duration.ofMinutes(10);

  private TickRules() {}

  /** The schedule's last workflow, as far as overlap is concerned. */
  enum Previous {
    /** Never fired, or its workflow ended (or expired). */
    NONE,
    RUNNING,
    /** Fired, its start not stored yet. */
    PENDING
  }

  /** Wait until {@code next} (no tick due), or fire or skip {@code tick}. */
  record Decision(Kind kind, long tick, OptionalLong next, String note) {
    enum Kind {
      WAIT,
      FIRE,
      SKIP
    }
  }

  /**
   * @param status the last workflow's status; empty when it is not stored
   * @param firedAt when the last workflow was fired (epoch ms); 0 when unknown
   */
  static Previous previous(
      String lastWorkflow, Optional<WorkflowStatus> status, long firedAt, long now) {
    if (lastWorkflow == null) {
      return Previous.NONE;
    }
    if (status.isPresent()) {
      return status.get().ended() ? Previous.NONE : Previous.RUNNING;
    }
    return firedAt > 0 && now - firedAt < PENDING_START.toMillis()
        ? Previous.PENDING
        : Previous.NONE;
  }

  static Decision decide(Schedule schedule, ScheduleState state, Previous previous, long now) {
    long since = Math.max(schedule.createdAt(), state.lastTick());
    OptionalLong due = schedule.cron().latest(since, now);
    if (due.isEmpty()) {
      return new Decision(Decision.Kind.WAIT, 0, schedule.cron().next(Math.max(since, now)), null);
    }
    long tick = due.getAsLong();
    if (schedule.noOverlap() && previous != Previous.NONE) {
      String note =
          previous == Previous.RUNNING
              ? "workflow " + state.lastWorkflow() + " still running"
              : "workflow " + state.lastWorkflow() + " not started by an engine yet";
      return new Decision(Decision.Kind.SKIP, tick, schedule.cron().next(now), note);
    }
    return new Decision(Decision.Kind.FIRE, tick, schedule.cron().next(now), null);
  }
}
