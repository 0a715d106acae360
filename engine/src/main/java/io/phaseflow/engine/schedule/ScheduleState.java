package io.phaseflow.engine.schedule;

import java.util.List;
import java.util.Optional;

/**
 * What a schedule has done: the last tick claimed (fired or skipped; 0 before the first), the
 * workflow of the last tick it fired (null before), how many ticks it skipped, and its most recent
 * firings, newest first (at most {@link ScheduleStore#RECENT}). Immutable.
 */
public record ScheduleState(long lastTick, String lastWorkflow, long skipped, List<Firing> recent) {
  public static final ScheduleState NONE = new ScheduleState(0, null, 0, List.of());

  public ScheduleState {
    recent = List.copyOf(recent);
  }

  /** The last firing that started a workflow, if it is among the recent ones. */
  public Optional<Firing> lastFired() {
    return recent.stream().filter(f -> f.outcome() == Firing.Outcome.FIRED).findFirst();
  }
}
