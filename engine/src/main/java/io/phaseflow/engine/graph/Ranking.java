package io.phaseflow.engine.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The first steps of a {@link LayeredLayout}: which edges to reverse so that the graph has no
 * cycle, and each node's rank (its longest path from a root). Nodes and edges are indexes; edge
 * {@code e} runs from node {@code from[e]} to node {@code to[e]}. Pure; not thread-safe while
 * built.
 */
final class Ranking {
  private final int n;
  private final int[] fromNode;
  private final int[] toNode;

  /** Whether edge e closes a cycle and points upwards in the drawing. */
  final boolean[] reversed;

  /** The depth-first discovery order of each node: breaks ties, so the layout is deterministic. */
  final int[] discovered;

  final int[] rank;

  Ranking(int n, int[] from, int[] to) {
    this.n = n;
    this.fromNode = from;
    this.toNode = to;
    this.reversed = new boolean[from.length];
    this.discovered = new int[n];
    breakCycles();
    this.rank = rankNodes();
  }

  int edges() {
    return fromNode.length;
  }

  /** Depth-first from the roots in given order; an edge back into the path is reversed. */
  private void breakCycles() {
    List<List<Integer>> out = new ArrayList<>();
    int[] indegree = new int[n];
    for (int i = 0; i < n; i++) {
      out.add(new ArrayList<>());
    }
    for (int e = 0; e < edges(); e++) {
      int from = from(e);
      int to = to(e);
      if (from != to) {
        out.get(from).add(e);
        indegree[to]++;
      }
    }
    int[] state = new int[n]; // 0 new, 1 on the path, 2 done
    int[] next = {0};
    Arrays.fill(discovered, -1);
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < n; i++) {
        if (state[i] == 0 && (pass == 1 || indegree[i] == 0)) {
          visit(i, out, state, next);
        }
      }
    }
  }

  private void visit(int v, List<List<Integer>> out, int[] state, int[] next) {
    state[v] = 1;
    discovered[v] = next[0]++;
    for (int e : out.get(v)) {
      int w = to(e);
      if (state[w] == 1) {
        reversed[e] = true;
      } else if (state[w] == 0) {
        visit(w, out, state, next);
      }
    }
    state[v] = 2;
  }

  /** Longest path from a root over the acyclic edges, in topological order. */
  private int[] rankNodes() {
    int[] rank = new int[n];
    int[] indegree = new int[n];
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new ArrayList<>());
    }
    for (int e = 0; e < edges(); e++) {
      if (from(e) != to(e)) {
        out.get(tail(e)).add(head(e));
        indegree[head(e)]++;
      }
    }
    List<Integer> ready = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (indegree[i] == 0) {
        ready.add(i);
      }
    }
    while (!ready.isEmpty()) {
      ready.sort(Comparator.comparingInt(i -> discovered[i]));
      int v = ready.remove(0);
      for (int w : out.get(v)) {
        rank[w] = Math.max(rank[w], rank[v] + 1);
        if (--indegree[w] == 0) {
          ready.add(w);
        }
      }
    }
    return rank;
  }

  int from(int e) {
    return fromNode[e];
  }

  int to(int e) {
    return toNode[e];
  }

  /** The source in the acyclic graph. */
  int tail(int e) {
    return reversed[e] ? to(e) : from(e);
  }

  int head(int e) {
    return reversed[e] ? from(e) : to(e);
  }
}
