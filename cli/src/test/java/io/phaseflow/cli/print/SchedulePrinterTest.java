package io.phaseflow.cli.print;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.schedule.CronSchedule;
import io.phaseflow.engine.schedule.Firing;
import io.phaseflow.engine.schedule.Schedule;
import io.phaseflow.engine.schedule.ScheduleState;
import io.phaseflow.engine.schedule.ScheduleView;
import io.phaseflow.engine.schedule.StoredSchedule;
import io.phaseflow.engine.state.WorkflowStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SchedulePrinterTest {
  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  private static Schedule schedule(String name, String cron, String zone, boolean noOverlap) {
    return new Schedule(
        name,
        "search",
        CronSchedule.parse(cron, zone),
        null,
        noOverlap,
        at("2026-11-27T00:00:00Z"));
  }

  @Test
  void aTableWithTheNextRunAndTheLastWorkflowsStatus() {
    ScheduleState fired =
        new ScheduleState(
            at("2026-11-28T02:00:00Z"),
            "k-1",
            1,
            List.of(
                Firing.skipped(at("2026-11-28T02:00:00Z"), 0, "workflow k-1 still running"),
                Firing.fired(at("2026-11-27T02:00:00Z"), 0, "k-1")));
    List<ScheduleView> views =
        List.of(
            new ScheduleView(
                new StoredSchedule(schedule("nightly", "0 3 * * *", "Europe/Berlin", true), fired),
                OptionalLong.of(at("2026-11-29T02:00:00Z")),
                Optional.of(WorkflowStatus.RUNNING)),
            new ScheduleView(
                new StoredSchedule(schedule("odd", "0 0 30 2 *", null, false), ScheduleState.NONE),
                OptionalLong.empty(),
                Optional.empty()));
    assertThat(SchedulePrinter.list(views, "here"))
        .isEqualTo(
            """
            NAME     DEFINITION  CRON                     NEXT RUN (UTC)       LAST FIRED (UTC)     LAST WORKFLOW  STATUS   OVERLAP  SKIPPED
            nightly  search      0 3 * * * Europe/Berlin  2026-11-29 02:00:00  2026-11-27 02:00:00  k-1            running  skip     1
            odd      search      0 0 30 2 *               never                -                    -              -        allow    0
            """);
  }

  @Test
  void noSchedulesSaysWhere() {
    assertThat(SchedulePrinter.list(List.of(), "Redis x under prefix 'pf'"))
        .isEqualTo("no schedules in Redis x under prefix 'pf'\n");
  }

  @Test
  void theAddedLineSaysWhatAndWhenNext() {
    assertThat(
            SchedulePrinter.added(
                schedule("nightly", "@daily", null, false),
                OptionalLong.of(at("2026-11-28T00:00:00Z"))))
        .isEqualTo(
            "schedule nightly added: search every '@daily'; next run 2026-11-28 00:00:00 UTC\n");
  }
}
