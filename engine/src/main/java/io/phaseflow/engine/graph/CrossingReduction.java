package io.phaseflow.engine.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders the vertices within each rank of a layered graph so that few edges cross: barycenter
 * sweeps down and up, keeping the ordering with the fewest crossings seen. Pure.
 */
final class CrossingReduction {
  private static final int SWEEPS = 8;

  private CrossingReduction() {}

  /**
   * A new ordering of {@code ranks} (vertex ids per rank, in order).
   *
   * @param preds each vertex's neighbours one rank up
   * @param succs each vertex's neighbours one rank down
   */
  static List<List<Integer>> order(
      List<List<Integer>> ranks, List<List<Integer>> preds, List<List<Integer>> succs) {
    List<List<Integer>> work = copy(ranks);
    List<List<Integer>> best = copy(work);
    int bestCrossings = crossings(work, succs);
    for (int sweep = 0; sweep < SWEEPS && bestCrossings > 0; sweep++) {
      boolean down = sweep % 2 == 0;
      for (int i = 1; i < work.size(); i++) {
        int r = down ? i : work.size() - 1 - i;
        sortByBarycenter(work.get(r), work.get(down ? r - 1 : r + 1), down ? preds : succs);
      }
      int c = crossings(work, succs);
      if (c < bestCrossings) {
        bestCrossings = c;
        best = copy(work);
      }
    }
    return best;
  }

  private static void sortByBarycenter(
      List<Integer> layer, List<Integer> fixed, List<List<Integer>> neighbours) {
    Map<Integer, Double> key = new HashMap<>();
    for (int i = 0; i < layer.size(); i++) {
      int v = layer.get(i);
      double sum = 0;
      int count = 0;
      for (int w : neighbours.get(v)) {
        int at = fixed.indexOf(w);
        if (at >= 0) {
          sum += at;
          count++;
        }
      }
      // Scale to the fixed layer's positions; a vertex without neighbours keeps its place.
      double own = layer.size() == 1 ? 0 : i * (fixed.size() - 1.0) / (layer.size() - 1.0);
      key.put(v, count == 0 ? own : sum / count);
    }
    layer.sort(Comparator.comparingDouble(key::get)); // stable: ties keep their order
  }

  /** Pairs of edges between adjacent ranks that cross. */
  static int crossings(List<List<Integer>> layers, List<List<Integer>> succs) {
    int total = 0;
    for (int r = 0; r + 1 < layers.size(); r++) {
      List<Integer> upper = layers.get(r);
      List<Integer> lower = layers.get(r + 1);
      List<int[]> segments = new ArrayList<>();
      for (int u : upper) {
        for (int w : succs.get(u)) {
          segments.add(new int[] {upper.indexOf(u), lower.indexOf(w)});
        }
      }
      for (int i = 0; i < segments.size(); i++) {
        for (int j = i + 1; j < segments.size(); j++) {
          int[] a = segments.get(i);
          int[] b = segments.get(j);
          if ((a[0] - b[0]) * (a[1] - b[1]) < 0) {
            total++;
          }
        }
      }
    }
    return total;
  }

  private static List<List<Integer>> copy(List<List<Integer>> layers) {
    List<List<Integer>> c = new ArrayList<>();
    layers.forEach(l -> c.add(new ArrayList<>(l)));
    return c;
  }
}
