package io.phaseflow.engine.schedule;

import io.phaseflow.engine.state.WorkflowStatus;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A schedule as people read it: what is stored, its next run (empty when its cron has no further
 * tick) and the status of its last workflow (empty before the first or once expired). Immutable.
 */
public record ScheduleView(
    StoredSchedule stored, OptionalLong nextRun, Optional<WorkflowStatus> lastStatus) {
  public Schedule schedule() {
    return stored.schedule();
  }

  public ScheduleState state() {
    return stored.state();
  }
}
