package io.phaseflow.engine.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The layered graph of a {@link LayeredLayout}: the real nodes 0..n-1 in their ranks, then one lane
 * vertex per rank an edge passes, so a long edge runs beside the boxes, not through them. Each rank
 * lists its vertices left to right. Not thread-safe: one layout's working state.
 */
final class Layers {
  private final Ranking ranking;
  private final int n;
  final List<Integer> rankOf = new ArrayList<>();
  final List<List<Integer>> preds = new ArrayList<>();
  final List<List<Integer>> succs = new ArrayList<>();

  /** Per edge, the vertices it passes from its tail to its head; empty for a self-loop. */
  final List<List<Integer>> chains = new ArrayList<>();

  final List<Double> widths = new ArrayList<>();
  List<List<Integer>> ranks = new ArrayList<>();

  Layers(List<LayeredLayout.Node> nodes, Ranking ranking, double laneWidth) {
    this.ranking = ranking;
    this.n = nodes.size();
    build(nodes, laneWidth);
  }

  /** Reorders each rank to keep crossings few. */
  void reduceCrossings() {
    ranks = CrossingReduction.order(ranks, preds, succs);
  }

  private void build(List<LayeredLayout.Node> nodes, double laneWidth) {
    int[] rank = ranking.rank;
    for (int i = 0; i < n; i++) {
      addVertex(rank[i], nodes.get(i).width());
    }
    for (int e = 0; e < ranking.edges(); e++) {
      List<Integer> chain = new ArrayList<>();
      chains.add(chain);
      if (ranking.from(e) == ranking.to(e)) {
        continue;
      }
      int prev = ranking.tail(e);
      chain.add(prev);
      for (int r = rank[ranking.tail(e)] + 1; r < rank[ranking.head(e)]; r++) {
        int lane = addVertex(r, laneWidth);
        link(prev, lane);
        chain.add(lane);
        prev = lane;
      }
      link(prev, ranking.head(e));
      chain.add(ranking.head(e));
    }
    int maxRank = rankOf.stream().mapToInt(Integer::intValue).max().orElse(-1);
    for (int r = 0; r <= maxRank; r++) {
      ranks.add(new ArrayList<>());
    }
    // First order: real nodes as discovered, each lane just after the edge's source.
    List<Integer> all = new ArrayList<>();
    for (int v = 0; v < rankOf.size(); v++) {
      all.add(v);
    }
    all.sort(Comparator.comparingDouble(this::firstKey));
    all.forEach(v -> ranks.get(rankOf.get(v)).add(v));
  }

  private double firstKey(int v) {
    if (v < n) {
      return ranking.discovered[v];
    }
    for (List<Integer> chain : chains) {
      int at = chain.indexOf(v);
      if (at > 0) {
        return ranking.discovered[chain.get(0)] + 0.5 + v * 1e-6;
      }
    }
    return v;
  }

  private int addVertex(int rank, double width) {
    rankOf.add(rank);
    widths.add(width);
    preds.add(new ArrayList<>());
    succs.add(new ArrayList<>());
    return rankOf.size() - 1;
  }

  private void link(int a, int b) {
    succs.get(a).add(b);
    preds.get(b).add(a);
  }
}
