package io.phaseflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The figures' arithmetic and the printed table. */
class JoinFiguresTest {

  @ParameterizedTest(name = "{0} x {1} jobs in {2} ns, Redis {3} -> peak {4} -> {5}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # workflows | jobs each | nanos         | before | peak      | after    | jobs/s | peak B/job | kept B/job
          1           | 100000    | 20000000000   | 1000   | 10001000  | 5001000  | 5000   | 100.0      | 50.0
          10000       | 10        | 25000000000   | 1000   | 2001000   | 3001000  | 4000   | 20.0       | 30.0
          1           | 1000      | 500000000     | 5000   | 4000      | 3000     | 2000   | 0.0        | -2.0
          1           | 1000      | 0             | 5000   | 6000      | 5000     | 0      | 1.0        | 0.0
          """)
  void derivesRatesAndBytesPerJob(
      int workflows,
      int jobs,
      long nanos,
      long before,
      long peak,
      long after,
      double jobsPerSecond,
      double peakPerJob,
      double keptPerJob) {
    JoinFigures f = figures(workflows, jobs, nanos, before, peak, after, workflows * (long) jobs);

    assertThat(f.jobs()).isEqualTo((long) workflows * jobs);
    assertThat(f.jobsPerSecond()).isEqualTo(jobsPerSecond);
    assertThat(f.peakBytesPerJob())
        .as("a peak below the start counts as nothing")
        .isEqualTo(peakPerJob);
    assertThat(f.keptBytesPerJob())
        .as("Redis may free more than the run added")
        .isEqualTo(keptPerJob);
  }

  @ParameterizedTest(name = "{0} of {1} succeeded once, problems {2} -> exact {3}")
  @CsvSource({"1000, 1000, 0, true", "999, 1000, 0, false", "1000, 1000, 1, false"})
  void exactOnlyWhenEveryJobSucceededOnceAndNothingWasWrong(
      long once, int jobs, int problems, boolean exact) {
    JoinFigures f =
        new JoinFigures(
            1, jobs, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, once, problems == 0 ? List.of() : List.of("x"));

    assertThat(f.exact()).isEqualTo(exact);
  }

  @ParameterizedTest(name = "{0} x {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1      | 100000 | 1 x 100,000-job join
          10000  | 10     | 10,000 x 10-job joins
          """)
  void labelsTheRunAsTheTableHeadsItsColumn(int workflows, int jobs, String label) {
    assertThat(figures(workflows, jobs, 1, 0, 0, 0, 0).label()).isEqualTo(label);
  }

  @Test
  void printsBothRunsSideBySideThenWhatEachRowMeans() {
    long mib = 1024 * 1024;
    JoinFigures wide =
        new JoinFigures(
            1,
            100_000,
            20_000_000_000L,
            1000,
            10_001_000,
            5_001_000,
            800,
            4_900_000,
            40 * mib,
            300 * mib,
            350 * mib,
            801,
            100_000,
            List.of());
    JoinFigures small =
        new JoinFigures(
            10_000,
            10,
            25_000_000_000L,
            2000,
            2_002_000,
            3_002_000,
            1000,
            2_950_000,
            41 * mib,
            200 * mib,
            220 * mib,
            1001,
            99_999,
            List.of("workflow w: ended FAILED"));

    List<String> lines = JoinFigures.table(wide, small, 200, 6144 * mib);

    assertThat(lines.subList(0, 12))
        .containsExactly(
            "                        1 x 100,000-job join      10,000 x 10-job joins",
            "jobs                    100,000                   100,000",
            "wall time               20.00 s                   25.00 s",
            "jobs/s                  5,000                     4,000",
            "Redis peak per job      100.0 B                   20.0 B",
            "Redis kept per job      50.0 B                    30.0 B",
            "  by its keys           49.0 B                    29.5 B",
            "engine heap peak        300.0 MiB                 200.0 MiB",
            "  before the start      40.0 MiB                  41.0 MiB",
            "  after a collection    350.0 MiB                 220.0 MiB",
            "exact                   100,000 of 100,000        99,999 of 100,000 NOT EXACT",
            "ratio                   1.25 = wide join's jobs/s / 10-job joins' jobs/s (same jobs,"
                + " same handler; the 10-job joins at most 200 workflows in flight)");
    assertThat(String.join("\n", lines.subList(12, lines.size())))
        .contains("(800 and 1,000 reads)")
        .contains("Max heap 6,144.0 MiB")
        .contains("phaseflow bench throughput");
  }

  private static JoinFigures figures(
      int workflows, int jobs, long nanos, long before, long peak, long after, long once) {
    return new JoinFigures(
        workflows, jobs, nanos, before, peak, after, 10, 0, 0, 0, 0, 10, once, List.of());
  }
}
