package io.phaseflow.engine.graph;

import io.phaseflow.engine.definition.Edge;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Places a directed graph in horizontal layers (Sugiyama's method), so that a browser only has to
 * draw boxes and polylines: edges closing a cycle are reversed, nodes get the rank of their longest
 * path from a root, an edge spanning several ranks passes through a waypoint in each rank between
 * (so it runs beside the boxes, not through them), and barycenter sweeps order each rank to keep
 * crossings few. Pure and deterministic: the same graph gives the same layout. Thread-safe (no
 * state).
 */
public final class LayeredLayout {
  private static final double LOOP = 18;

  private LayeredLayout() {}

  /**
   * Distances in pixels.
   *
   * @param rankGap between ranks, vertically
   * @param nodeGap between neighbours in a rank
   * @param laneWidth the width a passing edge takes in a rank
   * @param margin around the drawing
   */
  public record Spacing(double rankGap, double nodeGap, double laneWidth, double margin) {
    public static final Spacing DEFAULT = new Spacing(64, 48, 16, 24);
  }

  /** A box to place, of the given size. */
  public record Node(String id, double width, double height) {}

  public record Point(double x, double y) {}

  /**
   * A placed node.
   *
   * @param rank its layer, 0 at the top
   * @param order its position in the layer, 0 at the left
   * @param x left edge
   * @param y top edge
   */
  public record Box(
      String id, int rank, int order, double x, double y, double width, double height) {}

  /**
   * How to draw one edge.
   *
   * @param points from the source's border to the target's border, at least two
   * @param label where a label sits: the middle of the middle segment
   * @param reversed whether the edge points upwards (it closes a cycle)
   */
  public record Route(String from, String to, List<Point> points, Point label, boolean reversed) {
    public Route {
      points = List.copyOf(points);
    }
  }

  /**
   * A finished layout.
   *
   * @param boxes in the order the nodes were given
   * @param routes in the order the edges were given
   */
  public record Layout(double width, double height, List<Box> boxes, List<Route> routes) {
    public Layout {
      boxes = List.copyOf(boxes);
      routes = List.copyOf(routes);
    }

    public Box box(String id) {
      return boxes.stream()
          .filter(b -> b.id().equals(id))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no node '" + id + "' in the layout"));
    }
  }

  public static Layout layout(List<Node> nodes, List<Edge> edges) {
    return layout(nodes, edges, Spacing.DEFAULT);
  }

  /**
   * Lays out {@code nodes} (their order breaks ties: put the start first) joined by {@code edges}.
   *
   * @throws IllegalArgumentException when an edge names a node not given, or an id repeats
   */
  public static Layout layout(List<Node> nodes, List<Edge> edges, Spacing spacing) {
    return new Run(nodes, edges, spacing).layout();
  }

  /** The working state of one layout. */
  private static final class Run {
    private final List<Node> nodes;
    private final List<Edge> edges;
    private final Spacing spacing;
    private final Map<String, Integer> index = new HashMap<>();
    private final int n;
    private final boolean[] reversed;
    private final int[] discovered;
    // The layered graph: real nodes 0..n-1, then one lane vertex per rank an edge passes.
    private final List<Integer> rankOf = new ArrayList<>();
    private final List<List<Integer>> preds = new ArrayList<>();
    private final List<List<Integer>> succs = new ArrayList<>();
    private final List<List<Integer>> chains = new ArrayList<>();
    private final List<Double> widths = new ArrayList<>();
    private List<List<Integer>> ranks = new ArrayList<>();

    Run(List<Node> nodes, List<Edge> edges, Spacing spacing) {
      this.nodes = List.copyOf(nodes);
      this.edges = List.copyOf(edges);
      this.spacing = spacing;
      this.n = nodes.size();
      for (int i = 0; i < n; i++) {
        if (index.put(nodes.get(i).id(), i) != null) {
          throw new IllegalArgumentException("node id '" + nodes.get(i).id() + "' is given twice");
        }
      }
      for (Edge e : edges) {
        if (!index.containsKey(e.from()) || !index.containsKey(e.to())) {
          throw new IllegalArgumentException(
              "edge " + e.from() + " -> " + e.to() + " names a node that was not given");
        }
      }
      this.reversed = new boolean[edges.size()];
      this.discovered = new int[n];
    }

    Layout layout() {
      breakCycles();
      int[] rank = rankNodes();
      buildLayers(rank);
      ranks = CrossingReduction.order(ranks, preds, succs);
      return place();
    }

    /** Depth-first from the roots in given order; an edge back into the path is reversed. */
    private void breakCycles() {
      List<List<Integer>> out = new ArrayList<>();
      int[] indegree = new int[n];
      for (int i = 0; i < n; i++) {
        out.add(new ArrayList<>());
      }
      for (int e = 0; e < edges.size(); e++) {
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
      for (int e = 0; e < edges.size(); e++) {
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

    private void buildLayers(int[] rank) {
      for (int i = 0; i < n; i++) {
        addVertex(rank[i], nodes.get(i).width());
      }
      for (int e = 0; e < edges.size(); e++) {
        List<Integer> chain = new ArrayList<>();
        chains.add(chain);
        if (from(e) == to(e)) {
          continue;
        }
        int prev = tail(e);
        chain.add(prev);
        for (int r = rank[tail(e)] + 1; r < rank[head(e)]; r++) {
          int lane = addVertex(r, spacing.laneWidth());
          link(prev, lane);
          chain.add(lane);
          prev = lane;
        }
        link(prev, head(e));
        chain.add(head(e));
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
        return discovered[v];
      }
      for (List<Integer> chain : chains) {
        int at = chain.indexOf(v);
        if (at > 0) {
          return discovered[chain.get(0)] + 0.5 + v * 1e-6;
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

    private Layout place() {
      double[] x = new double[rankOf.size()];
      double[] top = new double[ranks.size()];
      double[] bandHeight = new double[ranks.size()];
      double widest = 0;
      double[] rowWidth = new double[ranks.size()];
      for (int r = 0; r < ranks.size(); r++) {
        for (int v : ranks.get(r)) {
          rowWidth[r] += widths.get(v);
          if (v < n) {
            bandHeight[r] = Math.max(bandHeight[r], nodes.get(v).height());
          }
        }
        rowWidth[r] += spacing.nodeGap() * Math.max(0, ranks.get(r).size() - 1);
        widest = Math.max(widest, rowWidth[r]);
      }
      double y = spacing.margin();
      for (int r = 0; r < ranks.size(); r++) {
        top[r] = y;
        y += bandHeight[r] + spacing.rankGap();
        double left = spacing.margin() + (widest - rowWidth[r]) / 2;
        for (int v : ranks.get(r)) {
          x[v] = left;
          left += widths.get(v) + spacing.nodeGap();
        }
      }
      double height =
          ranks.isEmpty() ? 2 * spacing.margin() : y - spacing.rankGap() + spacing.margin();
      List<Box> boxes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Node node = nodes.get(i);
        int r = rankOf.get(i);
        boxes.add(
            new Box(
                node.id(),
                r,
                ranks.get(r).indexOf(i),
                x[i],
                top[r] + (bandHeight[r] - node.height()) / 2,
                node.width(),
                node.height()));
      }
      List<Route> routes = new ArrayList<>();
      for (int e = 0; e < edges.size(); e++) {
        routes.add(route(e, boxes, x, top, bandHeight));
      }
      return new Layout(widest + 2 * spacing.margin(), height, boxes, routes);
    }

    private Route route(int e, List<Box> boxes, double[] x, double[] top, double[] band) {
      Edge edge = edges.get(e);
      List<Point> points = new ArrayList<>();
      if (from(e) == to(e)) {
        Box b = boxes.get(from(e));
        double right = b.x() + b.width();
        double upper = b.y() + b.height() * 0.3;
        double lower = b.y() + b.height() * 0.7;
        points.add(new Point(right, upper));
        points.add(new Point(right + LOOP, upper));
        points.add(new Point(right + LOOP, lower));
        points.add(new Point(right, lower));
      } else {
        List<Integer> chain = chains.get(e);
        Box tail = boxes.get(chain.get(0));
        Box head = boxes.get(chain.get(chain.size() - 1));
        points.add(new Point(tail.x() + tail.width() / 2, tail.y() + tail.height()));
        for (int lane : chain.subList(1, chain.size() - 1)) {
          double cx = x[lane] + widths.get(lane) / 2;
          int r = rankOf.get(lane);
          points.add(new Point(cx, top[r]));
          points.add(new Point(cx, top[r] + band[r]));
        }
        points.add(new Point(head.x() + head.width() / 2, head.y()));
        if (reversed[e]) {
          java.util.Collections.reverse(points);
        }
      }
      int mid = points.size() / 2;
      Point a = points.get(mid - 1);
      Point b = points.get(mid);
      Point label = new Point((a.x() + b.x()) / 2, (a.y() + b.y()) / 2);
      return new Route(edge.from(), edge.to(), points, label, reversed[e]);
    }

    private int from(int e) {
      return index.get(edges.get(e).from());
    }

    private int to(int e) {
      return index.get(edges.get(e).to());
    }

    /** The source in the acyclic graph. */
    private int tail(int e) {
      return reversed[e] ? to(e) : from(e);
    }

    private int head(int e) {
      return reversed[e] ? from(e) : to(e);
    }
  }
}
