package io.phaseflow.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrossingReductionTest {
  // 0 -> 3, 1 -> 2: drawn in the given order the two edges cross once.
  private static final List<List<Integer>> SUCCS =
      List.of(List.of(3), List.of(2), List.of(), List.of());
  private static final List<List<Integer>> PREDS =
      List.of(List.of(), List.of(), List.of(1), List.of(0));

  @Test
  void untanglesTwoCrossingEdges() {
    List<List<Integer>> given = List.of(List.of(0, 1), List.of(2, 3));
    assertThat(CrossingReduction.crossings(given, SUCCS)).isEqualTo(1);

    List<List<Integer>> ordered = CrossingReduction.order(given, PREDS, SUCCS);

    assertThat(CrossingReduction.crossings(ordered, SUCCS)).isZero();
    assertThat(ordered.get(0)).containsExactly(0, 1);
    assertThat(ordered.get(1)).containsExactly(3, 2);
    assertThat(given.get(1)).as("the input is left as it was").containsExactly(2, 3);
  }
}
