package io.phaseflow.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phaseflow.engine.definition.Edge;
import io.phaseflow.engine.graph.LayeredLayout.Box;
import io.phaseflow.engine.graph.LayeredLayout.Layout;
import io.phaseflow.engine.graph.LayeredLayout.Node;
import io.phaseflow.engine.graph.LayeredLayout.Point;
import io.phaseflow.engine.graph.LayeredLayout.Route;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LayeredLayoutTest {
  private static final double W = 100;
  private static final double H = 40;

  private static List<Node> nodes(String... ids) {
    return Arrays.stream(ids).map(id -> new Node(id, W, H)).toList();
  }

  private static Edge e(String from, String to) {
    return new Edge(from, to, Edge.Kind.NEXT);
  }

  /** The search sample: a chain with an error edge from each step to one error phase. */
  private static Layout search() {
    return LayeredLayout.layout(
        nodes("pending", "searching", "fetching", "error", "finished"),
        List.of(
            e("pending", "searching"),
            e("pending", "error"),
            e("searching", "fetching"),
            e("searching", "error"),
            e("fetching", "finished"),
            e("fetching", "error")));
  }

  @Test
  void aChainGoesDownOneRankPerStep() {
    Layout l = LayeredLayout.layout(nodes("a", "b", "c"), List.of(e("a", "b"), e("b", "c")));

    assertThat(l.boxes()).extracting(Box::rank).containsExactly(0, 1, 2);
    assertThat(l.boxes()).extracting(Box::x).containsOnly(l.box("a").x());
    assertThat(l.box("b").y()).isGreaterThan(l.box("a").y() + H);
  }

  @Test
  void aNodeSitsBelowItsLongestPathFromTheStart() {
    Layout l = search();

    assertThat(l.box("pending").rank()).isZero();
    assertThat(l.box("fetching").rank()).isEqualTo(2);
    assertThat(l.box("error").rank()).isEqualTo(3);
    assertThat(l.box("finished").rank()).isEqualTo(3);
  }

  @Test
  void boxesInOneRankDoNotOverlap() {
    Layout l = search();
    Box error = l.box("error");
    Box finished = l.box("finished");
    Box left = error.x() < finished.x() ? error : finished;
    Box right = left == error ? finished : error;

    assertThat(right.x()).isGreaterThanOrEqualTo(left.x() + W + 48);
    assertThat(List.of(left.order(), right.order())).containsExactly(0, 1);
  }

  @Test
  void anEdgeSpanningRanksPassesBesideTheBoxesBetween() {
    Layout l = search();
    Route pendingToError = l.routes().get(1);

    // source bottom, then in and out of ranks 1 and 2, then target top
    assertThat(pendingToError.points()).hasSize(6);
    assertThat(pendingToError.points().get(0))
        .isEqualTo(new Point(l.box("pending").x() + W / 2, l.box("pending").y() + H));
    Point last = pendingToError.points().get(5);
    assertThat(last).isEqualTo(new Point(l.box("error").x() + W / 2, l.box("error").y()));
    for (Point p : pendingToError.points().subList(1, 5)) {
      for (Box b : List.of(l.box("searching"), l.box("fetching"))) {
        assertThat(p.x() > b.x() && p.x() < b.x() + b.width()).as("%s inside %s", p, b).isFalse();
      }
    }
  }

  @Test
  void anEdgeToTheNextRankIsOneSegment() {
    Route r = search().routes().get(0);

    assertThat(r.points()).hasSize(2);
    assertThat(r.reversed()).isFalse();
  }

  @Test
  void aCycleIsBrokenByReversingTheEdgeThatClosesIt() {
    Layout l =
        LayeredLayout.layout(
            nodes("start", "work", "check", "done"),
            List.of(
                e("start", "work"), e("work", "check"), e("check", "work"), e("check", "done")));

    assertThat(l.boxes()).extracting(Box::rank).containsExactly(0, 1, 2, 3);
    Route back = l.routes().get(2);
    assertThat(back.reversed()).isTrue();
    // drawn from check's top up to work's bottom
    assertThat(back.points().get(0).y()).isEqualTo(l.box("check").y());
    assertThat(back.points().get(back.points().size() - 1).y()).isEqualTo(l.box("work").y() + H);
  }

  @Test
  void aSelfLoopIsDrawnBesideItsBox() {
    Layout l = LayeredLayout.layout(nodes("retry"), List.of(e("retry", "retry")));
    Route loop = l.routes().get(0);

    assertThat(loop.points()).hasSize(4);
    assertThat(loop.points()).allMatch(p -> p.x() >= l.box("retry").x() + W);
    assertThat(l.width()).isGreaterThanOrEqualTo(loop.points().get(1).x());
  }

  @Test
  void orderingRemovesAvoidableCrossings() {
    // a -> d and b -> c, given in an order that crosses when kept
    Layout l = LayeredLayout.layout(nodes("a", "b", "c", "d"), List.of(e("a", "d"), e("b", "c")));

    assertThat(l.box("a").x() < l.box("b").x()).isEqualTo(l.box("d").x() < l.box("c").x());
  }

  @Test
  void everythingFitsInsideTheDrawing() {
    Layout l = search();

    for (Box b : l.boxes()) {
      assertThat(b.x()).isGreaterThanOrEqualTo(0);
      assertThat(b.x() + b.width()).isLessThanOrEqualTo(l.width());
      assertThat(b.y() + b.height()).isLessThanOrEqualTo(l.height());
    }
  }

  @Test
  void disconnectedNodesAndTheEmptyGraphArePlaced() {
    Layout l = LayeredLayout.layout(nodes("a", "b"), List.of());
    assertThat(l.boxes()).extracting(Box::rank).containsExactly(0, 0);

    Layout empty = LayeredLayout.layout(List.of(), List.of());
    assertThat(empty.boxes()).isEmpty();
    assertThat(empty.width()).isPositive();
  }

  @Test
  void theSameGraphGivesTheSameLayout() {
    assertThat(search()).isEqualTo(search());
  }

  @Test
  void anEdgeToAnUnknownNodeIsNamed() {
    assertThatThrownBy(() -> LayeredLayout.layout(nodes("a"), List.of(e("a", "nowhere"))))
        .hasMessage("edge a -> nowhere names a node that was not given");
    assertThatThrownBy(() -> LayeredLayout.layout(nodes("a", "a"), List.of()))
        .hasMessageContaining("'a' is given twice");
  }

  @Test
  void ranksAreCenteredUnderTheWidest() {
    Layout l = search();
    double middleOfDrawing = l.width() / 2;

    assertThat(l.box("pending").x() + W / 2).isEqualTo(middleOfDrawing);
    String row =
        l.boxes().stream().filter(b -> b.rank() == 3).map(Box::id).collect(Collectors.joining(","));
    assertThat(row).contains("error").contains("finished");
  }
}
