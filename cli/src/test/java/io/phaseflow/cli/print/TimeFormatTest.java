package io.phaseflow.cli.print;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeFormatTest {
  private static final long AT = Instant.parse("2024-05-01T18:31:38.704Z").toEpochMilli();

  @Test
  void instantsAreShownInUtc() {
    assertThat(TimeFormat.clock(AT)).isEqualTo("18:31:38.704");
    assertThat(TimeFormat.dateTime(AT)).isEqualTo("2024-05-01 18:31:38");
  }

  @Test
  void durationsUseAtMostTwoUnits() {
    assertThat(TimeFormat.duration(0)).isEqualTo("0 ms");
    assertThat(TimeFormat.duration(131)).isEqualTo("131 ms");
    assertThat(TimeFormat.duration(999)).isEqualTo("999 ms");
    assertThat(TimeFormat.duration(1_000)).isEqualTo("1.0 s");
    assertThat(TimeFormat.duration(4_290)).isEqualTo("4.2 s");
    assertThat(TimeFormat.duration(59_999)).isEqualTo("59.9 s");
    assertThat(TimeFormat.duration(192_000)).isEqualTo("3 min 12 s");
    assertThat(TimeFormat.duration(7_500_000)).isEqualTo("2 h 5 min");
    assertThat(TimeFormat.duration(273_600_000)).isEqualTo("3 d 4 h");
  }

  @Test
  void aNegativeDurationFromClockSkewShowsAsZero() {
    assertThat(TimeFormat.duration(-5)).isEqualTo("0 ms");
  }
}
