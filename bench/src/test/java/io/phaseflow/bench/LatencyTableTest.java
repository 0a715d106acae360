package io.phaseflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LatencyTableTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # sample (ms)                    | p50 p90 p99 max count
          7                                | 7 7 7 7 1
          1 2 3 4 5 6 7 8 9 10             | 5 9 10 10 10
          10 9 8 7 6 5 4 3 2 1             | 5 9 10 10 10
          3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 40 | 3 3 40 40 16
          ''                               | 0 0 0 0 0
          """)
  void printsNearestRankPercentilesPerRow(String sample, String expected) {
    long[] millis =
        sample.isEmpty()
            ? new long[0]
            : java.util.Arrays.stream(sample.split(" ")).mapToLong(Long::parseLong).toArray();

    String table = LatencyTable.format(List.of(new LatencyTable.Row("hop", millis)));

    List<String> lines = table.lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).split(" +"))
        .containsExactly("latency", "(ms)", "p50", "p90", "p99", "max", "count");
    assertThat(lines.get(1)).startsWith("hop ").hasSameSizeAs(lines.get(0));
    assertThat(lines.get(1).split(" +")).containsExactly(("hop " + expected).split(" "));
  }

  @ParameterizedTest(name = "labels {0} and {1}")
  @CsvSource({"a, bb", "a longer label, x"})
  void alignsTheColumnsOnTheLongestLabel(String first, String second) {
    String table =
        LatencyTable.format(
            List.of(
                new LatencyTable.Row(first, new long[] {1}),
                new LatencyTable.Row(second, new long[] {2000})));

    List<String> lines = table.lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines).extracting(String::length).containsOnly(lines.get(0).length());
  }
}
