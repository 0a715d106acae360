package io.phaseflow.engine.schedule;

import io.phaseflow.engine.schedule.TickRules.Decision;
import io.phaseflow.engine.state.WorkflowReads;
import io.phaseflow.engine.state.WorkflowRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the schedules of a store: each pass decides every schedule's due tick ({@link TickRules}),
 * claims it in the store and, when this process won the claim, starts its workflow with an
 * idempotency key made of the schedule's name and the tick. Every engine process runs one; the
 * claim makes each tick fire (or be skipped) once between all of them, and the key makes a tick
 * name one workflow even if its start were published twice. A process that dies between claiming a
 * tick and publishing its start, or whose publish fails, leaves a fired tick without a workflow:
 * from {@link #REPUBLISH_AFTER} to {@link #REPUBLISH_UNTIL} after the claim, every pass checks that
 * the tick's workflow is stored and publishes its start again (same key, same id) if not.
 * Thread-safe.
 */
public final class Scheduler {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

  /**
   * How long after its claim a fired tick's workflow may take to be stored before it is started
   * again.
   */
  static final Duration REPUBLISH_AFTER = Duration.ofSeconds(30);

  /** Until when after its claim a fired tick's workflow is checked (a bounded number of reads). */
  static final Duration REPUBLISH_UNTIL = Duration.ofSeconds(90);

  private final ScheduleStore store;
  private final WorkflowReads reads;
  private final ScheduledStarts starts;
  private final Clock clock;
  private final Duration interval;
  private ScheduledExecutorService thread;

  public Scheduler(
      ScheduleStore store,
      WorkflowReads reads,
      ScheduledStarts starts,
      Clock clock,
      Duration interval) {
    this.store = store;
    this.reads = reads;
    this.starts = starts;
    this.clock = clock;
    this.interval = interval;
  }

  /** Runs {@link #passSafely} every interval on a daemon thread of its own, until stopped. */
  public synchronized void start() {
    if (thread == null) {
      thread =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "phaseflow-scheduler");
                t.setDaemon(true);
                return t;
              });
      long every = interval.toMillis();
      thread.scheduleWithFixedDelay(this::passSafely, every, every, TimeUnit.MILLISECONDS);
    }
  }

  public synchronized void stop() {
    if (thread != null) {
      thread.shutdownNow();
      thread = null;
    }
  }

  /** One pass that never throws: a failure (Redis down, say) is logged; the next pass retries. */
  public void passSafely() {
    try {
      pass();
    } catch (RuntimeException e) {
      log.warn("schedules not checked this time: {}", e.getMessage());
    }
  }

  /** One pass over every schedule; returns how many ticks this process fired. */
  public int pass() {
    int fired = 0;
    for (StoredSchedule s : store.list()) {
      if (act(s) || startAgainIfLost(s)) {
        fired++;
      }
    }
    return fired;
  }

  /**
   * Publishes the last fired tick's start again when its workflow is not stored though it should be
   * by now: the claiming process died before publishing it, or its publish failed.
   */
  private boolean startAgainIfLost(StoredSchedule stored) {
    Firing last = stored.state().lastFired().orElse(null);
    long since = last == null ? -1 : clock.millis() - last.at();
    if (since < REPUBLISH_AFTER.toMillis()
        || since >= REPUBLISH_UNTIL.toMillis()
        || reads.workflow(last.workflow()).isPresent()) {
      return false;
    }
    Schedule schedule = stored.schedule();
    try {
      starts.start(schedule.definition(), schedule.input(), schedule.key(last.tick()));
      log.info(
          "schedule {}: the start of tick {} was lost; published it again as {}",
          schedule.name(),
          Instant.ofEpochMilli(last.tick()),
          last.workflow());
      return true;
    } catch (RuntimeException e) {
      log.warn(
          "schedule {}: starting {} again failed: {}",
          schedule.name(),
          last.workflow(),
          e.getMessage());
      return false;
    }
  }

  private boolean act(StoredSchedule stored) {
    Schedule schedule = stored.schedule();
    ScheduleState state = stored.state();
    long now = clock.millis();
    Decision d = TickRules.decide(schedule, state, TickRules.Previous.NONE, now);
    if (d.kind() == Decision.Kind.FIRE && schedule.noOverlap() && state.lastWorkflow() != null) {
      // Read the last workflow only when a tick is due: one read per tick, not one per pass.
      TickRules.Previous previous =
          TickRules.previous(
              state.lastWorkflow(),
              reads.workflow(state.lastWorkflow()).map(WorkflowRecord::status),
              state.lastFired().map(Firing::at).orElse(0L),
              now);
      d = TickRules.decide(schedule, state, previous, now);
    }
    switch (d.kind()) {
      case WAIT:
        return false;
      case SKIP:
        if (store.claim(schedule.name(), Firing.skipped(d.tick(), now, d.note()))
            == ScheduleStore.Claim.WON) {
          log.info("schedule {} skipped its tick {}: {}", schedule.name(), tick(d), d.note());
        }
        return false;
      default:
        String key = schedule.key(d.tick());
        String id = starts.idFor(key);
        if (store.claim(schedule.name(), Firing.fired(d.tick(), now, id))
            != ScheduleStore.Claim.WON) {
          return false;
        }
        try {
          starts.start(schedule.definition(), schedule.input(), key);
        } catch (RuntimeException e) {
          log.warn(
              "schedule {}: starting {} for tick {} failed (it is published again within {}): {}",
              schedule.name(),
              id,
              tick(d),
              REPUBLISH_UNTIL,
              e.getMessage());
          return false;
        }
        return true;
    }
  }

  private static String tick(Decision d) {
    return Instant.ofEpochMilli(d.tick()).toString();
  }
}
