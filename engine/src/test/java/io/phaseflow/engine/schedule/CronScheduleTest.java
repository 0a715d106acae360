package io.phaseflow.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phaseflow.engine.RejectedInput;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing 5-field cron expressions and macros, and finding ticks. */
class CronScheduleTest {
  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  private static String iso(OptionalLong t) {
    return t.isPresent() ? Instant.ofEpochMilli(t.getAsLong()).toString() : "none";
  }

  @ParameterizedTest(name = "{0} {1} after {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "*/15 * * * * |                 | 2026-11-27T10:07:00Z | 2026-11-27T10:15:00Z",
        "0 3 * * 1-5  |                 | 2026-11-27T10:00:00Z | 2026-11-30T03:00:00Z", // Fri ->
        // Mon
        "@hourly      |                 | 2026-11-27T10:00:00Z | 2026-11-27T11:00:00Z",
        "@daily       |                 | 2026-11-27T10:00:00Z | 2026-11-28T00:00:00Z",
        "@DAILY       |                 | 2026-11-27T10:00:00Z | 2026-11-28T00:00:00Z",
        "0 3 * * *    | Europe/Berlin   | 2026-11-27T10:00:00Z | 2026-11-28T02:00:00Z", // CET
        "0 3 * * *    | America/New_York| 2026-07-01T00:00:00Z | 2026-07-01T07:00:00Z", // EDT
        "0 0 30 2 *   |                 | 2026-01-01T00:00:00Z | none",
      })
  void nextTick(String cron, String zone, String after, String next) {
    assertThat(iso(CronSchedule.parse(cron, zone).next(at(after)))).isEqualTo(next);
  }

  @ParameterizedTest(name = "{0} in ({1}, {2}] -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        // the latest tick, however many were missed
        "*/5 * * * * | 2026-11-27T10:00:00Z | 2026-11-27T10:17:00Z | 2026-11-27T10:15:00Z",
        "*/5 * * * * | 2026-11-27T10:00:00Z | 2026-11-27T10:04:59Z | none",
        "*/5 * * * * | 2026-11-27T10:00:00Z | 2026-11-27T10:05:00Z | 2026-11-27T10:05:00Z",
        "* * * * *   | 2020-01-01T00:00:00Z | 2026-11-27T10:17:30Z | 2026-11-27T10:17:00Z",
        "0 0 1 1 *   | 2020-06-01T00:00:00Z | 2026-11-27T10:17:30Z | 2026-01-01T00:00:00Z",
        "0 0 1 1 *   | 2026-01-01T00:00:00Z | 2026-11-27T10:17:30Z | none",
        "@hourly     | 2026-11-27T10:00:00Z | 2026-11-27T10:00:00Z | none",
      })
  void latestTickInAWindow(String cron, String after, String now, String latest) {
    assertThat(iso(CronSchedule.parse(cron, null).latest(at(after), at(now)))).isEqualTo(latest);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "61 * * * *    | field 1 (minute) '61' is invalid",
        "* 24 * * *    | field 2 (hour) '24' is invalid",
        "* * 0 * *     | field 3 (day-of-month) '0' is invalid",
        "* * * 13 *    | field 4 (month) '13' is invalid",
        "* * * * 9     | field 5 (day-of-week) '9' is invalid",
        "*/0 * * * *   | field 1 (minute) '*/0' is invalid",
        "x * * * *     | field 1 (minute) 'x' is invalid",
        "* * * *       | has 4 fields",
        "0 * * * * *   | has 6 fields",
        "              | has 0 fields",
        "@every        | unknown cron macro '@every'",
      })
  void aBadExpressionNamesItsFieldAndShowsAnExample(String cron, String message) {
    assertThatThrownBy(() -> CronSchedule.parse(cron, null))
        .isInstanceOf(RejectedInput.class)
        .hasMessageContaining(message)
        .hasMessageContaining("e.g. '*/15 * * * *'");
  }

  @ParameterizedTest
  @CsvSource({"Mars/Olympus", "UTC+99"})
  void anUnknownZoneIsRefused(String zone) {
    assertThatThrownBy(() -> CronSchedule.parse("@daily", zone))
        .isInstanceOf(RejectedInput.class)
        .hasMessageContaining("unknown time zone '" + zone + "'");
  }
}
