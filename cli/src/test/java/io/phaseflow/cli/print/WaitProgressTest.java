package io.phaseflow.cli.print;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WaitProgressTest {
  @ParameterizedTest(name = "{4}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0|0|3|1000|waited 1.0 s: 0 succeeded, 0 failed, 3 running of 3",
        "2|1|10|12345|waited 12.3 s: 2 succeeded, 1 failed, 7 running of 10",
        "9|1|10|192000|waited 3 min 12 s: 9 succeeded, 1 failed, 0 running of 10",
      })
  void countsWhatEndedAndHow(int ok, int failed, int total, long ms, String line) {
    assertThat(WaitProgress.line(ok, failed, total, ms)).isEqualTo(line);
  }
}
