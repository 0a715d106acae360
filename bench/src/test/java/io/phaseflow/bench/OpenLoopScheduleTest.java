package io.phaseflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenLoopScheduleTest {

  @ParameterizedTest(name = "{0}/s from {1}: interval {2} ns, start {3} due at {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1       | 0    | 1000000000 | 0   | 0
          1       | 0    | 1000000000 | 3   | 3000000000
          100     | 500  | 10000000   | 7   | 70000500
          120     | 0    | 8333333    | 120 | 999999960
          3       | 0    | 333333333  | 1   | 333333333
          1000000 | 10   | 1000       | 5   | 5010
          """)
  void startsFallDueAtFixedIntervals(double rate, long first, long interval, long start, long due) {
    OpenLoopSchedule s = OpenLoopSchedule.at(rate, first);

    assertThat(s.intervalNanos()).isEqualTo(interval);
    assertThat(s.due(start)).isEqualTo(due);
  }

  @ParameterizedTest(name = "{0}/s for {1} s: {2} starts")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          10    | 20   | 200
          115.5 | 20   | 2310
          3     | 1    | 3
          0.5   | 3    | 2
          100   | 0    | 0
          """)
  void countsTheStartsDueInARun(double rate, double seconds, long starts) {
    assertThat(OpenLoopSchedule.at(rate, 0).startsIn(seconds)).isEqualTo(starts);
  }

  @ParameterizedTest(name = "{0} ns late: behind {1}")
  @CsvSource({"0, false", "1999999, false", "2000000, false", "2000001, true", "-5, false"})
  void aStartMoreThanTwoMillisecondsLateFellBehind(long late, boolean behind) {
    assertThat(OpenLoopSchedule.behind(late)).isEqualTo(behind);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -1, 1e7, Double.NaN})
  void refusesARateItCannotKeep(double rate) {
    assertThatThrownBy(() -> OpenLoopSchedule.at(rate, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workflows/s");
  }
}
