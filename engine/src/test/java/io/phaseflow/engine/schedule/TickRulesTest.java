package io.phaseflow.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.schedule.TickRules.Decision;
import io.phaseflow.engine.schedule.TickRules.Previous;
import io.phaseflow.engine.state.WorkflowStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which tick is due, and whether it fires or is skipped: the decision as a table. */
class TickRulesTest {
  private static long at(String time) {
    return time.equals("-") ? 0 : Instant.parse("2026-11-27T" + time + "Z").toEpochMilli();
  }

  private static String time(long millis) {
    return Instant.ofEpochMilli(millis).toString().substring(11, 19);
  }

  @ParameterizedTest(name = "{0}, created {1}, last {2}, overlap {3}, previous {4}, now {5}")
  @CsvSource(
      delimiter = '|',
      value = {
        // cron    | created  | last tick| no-overlap | previous | now      | decision | tick     |
        // next
        "*/5 * * * *| 10:00:00 | -        | false | NONE    | 10:04:59 | WAIT | -        | 10:05:00",
        "*/5 * * * *| 10:00:00 | -        | false | NONE    | 10:05:00 | FIRE | 10:05:00 | 10:10:00",
        // a tick at the very moment of creation is not due: only ticks after it are
        "*/5 * * * *| 10:05:00 | -        | false | NONE    | 10:05:00 | WAIT | -        | 10:10:00",
        // claimed already (by this or another engine): wait for the next
        "*/5 * * * *| 10:00:00 | 10:05:00 | false | NONE    | 10:07:00 | WAIT | -        | 10:10:00",
        // down from 10:06 to 10:31: only the latest missed tick is due, not six of them
        "*/5 * * * *| 10:00:00 | 10:05:00 | false | NONE    | 10:31:00 | FIRE | 10:30:00 | 10:35:00",
        // overlap allowed: a running previous workflow changes nothing
        "*/5 * * * *| 10:00:00 | 10:05:00 | false | RUNNING | 10:10:01 | FIRE | 10:10:00 | 10:15:00",
        // no overlap: skipped while the previous one runs or waits for an engine to start it
        "*/5 * * * *| 10:00:00 | 10:05:00 | true  | RUNNING | 10:10:01 | SKIP | 10:10:00 | 10:15:00",
        "*/5 * * * *| 10:00:00 | 10:05:00 | true  | PENDING | 10:10:01 | SKIP | 10:10:00 | 10:15:00",
        "*/5 * * * *| 10:00:00 | 10:05:00 | true  | NONE    | 10:10:01 | FIRE | 10:10:00 | 10:15:00",
        // a skipped tick is claimed too: the next pass waits for the tick after it
        "*/5 * * * *| 10:00:00 | 10:10:00 | true  | RUNNING | 10:12:00 | WAIT | -        | 10:15:00",
      })
  void decide(
      String cron,
      String created,
      String lastTick,
      boolean noOverlap,
      Previous previous,
      String now,
      Decision.Kind kind,
      String tick,
      String next) {
    Schedule schedule =
        new Schedule("s", "d", CronSchedule.parse(cron, null), null, noOverlap, at(created));
    ScheduleState state = new ScheduleState(at(lastTick), "k-last", 0, List.of());
    Decision d = TickRules.decide(schedule, state, previous, at(now));
    assertThat(d.kind()).isEqualTo(kind);
    assertThat(d.kind() == Decision.Kind.WAIT ? "-" : time(d.tick())).isEqualTo(tick);
    assertThat(time(d.next().getAsLong())).isEqualTo(next);
    assertThat(d.note() != null).isEqualTo(kind == Decision.Kind.SKIP);
  }

  @ParameterizedTest(name = "last {0}, status {1}, fired {2}, now {3} -> {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        "-      |           | -        | 10:00:00 | NONE",
        "k-last | RUNNING   | 09:00:00 | 10:00:00 | RUNNING",
        "k-last | PAUSED    | 09:00:00 | 10:00:00 | RUNNING",
        "k-last | SUCCEEDED | 09:00:00 | 10:00:00 | NONE",
        "k-last | FAILED    | 09:00:00 | 10:00:00 | NONE",
        "k-last | CANCELED  | 09:00:00 | 10:00:00 | NONE",
        // not stored: its start waits for an engine, for up to PENDING_START
        "k-last |           | 09:55:00 | 10:00:00 | PENDING",
        "k-last |           | 09:50:00 | 10:00:00 | NONE",
        // fired too long ago to be among the recent firings: expired or lost
        "k-last |           | -        | 10:00:00 | NONE",
      })
  void previous(String last, WorkflowStatus status, String firedAt, String now, Previous p) {
    assertThat(
            TickRules.previous(
                last.equals("-") ? null : last, Optional.ofNullable(status), at(firedAt), at(now)))
        .isEqualTo(p);
  }
}
