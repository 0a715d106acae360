package io.phaseflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The model's lines fitted to runs that lie on known lines, and its per-node predictions. */
class CapacityModelTest {
  /** Runs whose CPU per workflow is exactly 200 + 40 J (masters) and 500 + 100 J (broker). */
  private static CostRun onTheLine(String label, int fanout) {
    int jobs = CostRun.jobs(fanout);
    return CostRunTest.run(label, fanout, 200 + 40.0 * jobs, 500 + 100.0 * jobs);
  }

  static Stream<Arguments> lines() {
    return Stream.of(
        Arguments.of(new double[] {1, 2}, new double[] {3, 5}, 1, 2),
        Arguments.of(new double[] {11, 41}, new double[] {640, 1840}, 200, 40),
        Arguments.of(new double[] {0, 1, 2}, new double[] {1, 2, 3.3}, 0.95, 1.15),
        Arguments.of(new double[] {3, 21, 101}, new double[] {7, 7, 7}, 7, 0));
  }

  @ParameterizedTest
  @MethodSource("lines")
  void leastSquaresLine(double[] x, double[] y, double intercept, double slope) {
    CapacityModel.Line l = CapacityModel.Line.fit(x, y);
    assertThat(l.perWorkflow()).isCloseTo(intercept, within(1e-9));
    assertThat(l.perUnit()).isCloseTo(slope, within(1e-9));
  }

  @Test
  void aLineThroughTheOriginHasNoPerWorkflowPart() {
    CapacityModel.Line l =
        CapacityModel.Line.fitThroughOrigin(new double[] {1, 2}, new double[] {1, 3});
    assertThat(l.perWorkflow()).isZero();
    assertThat(l.perUnit()).isCloseTo(1.4, within(1e-9)); // (1 + 6) / (1 + 4)
  }

  @Test
  void runsOfOneFanOutCannotBeFitted() {
    assertThatThrownBy(() -> CapacityModel.fit(List.of(onTheLine("a", 10), onTheLine("b", 10))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least two fan-outs");
  }

  @Test
  void aRunOnTheFittedLinesIsPredictedExactlyPerNode() {
    CapacityModel m = CapacityModel.fit(List.of(onTheLine("f5", 5), onTheLine("f20", 20)));
    assertThat(m.redisMasters.perWorkflow()).isCloseTo(200, within(1e-6));
    assertThat(m.redisMasters.perUnit()).isCloseTo(40, within(1e-6));
    assertThat(m.rabbitShare).containsExactly(0.25, 0.75);
    for (CapacityModel.Check c : m.checks(onTheLine("f50", 50))) {
      assertThat(c.error()).as(c.quantity()).isCloseTo(0, within(1e-9));
    }
  }

  @Test
  void aMastersPredictionFollowsItsShareOfTheShards() {
    CapacityModel m = CapacityModel.fit(List.of(onTheLine("f5", 5), onTheLine("f20", 20)));
    CostRun skewed = onTheLine("f10", 10);
    skewed.redisShare()[0] = 0.75;
    skewed.redisShare()[1] = 0.25;
    List<CapacityModel.Check> checks = m.checks(skewed);
    double total = (200 + 40.0 * 21) / 21;
    assertThat(checks.get(0).predicted()).isCloseTo(0.75 * total, within(1e-9));
    assertThat(checks.get(1).predicted()).isCloseTo(0.25 * total, within(1e-9));
    assertThat(checks.get(0).error()).isCloseTo(0.5, within(1e-9)); // measured: half each
  }
}
