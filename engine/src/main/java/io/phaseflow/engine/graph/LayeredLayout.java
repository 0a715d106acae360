package io.phaseflow.engine.graph;

import io.phaseflow.engine.definition.Edge;
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
    List<Node> given = List.copyOf(nodes);
    List<Edge> joined = List.copyOf(edges);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < given.size(); i++) {
      if (index.put(given.get(i).id(), i) != null) {
        throw new IllegalArgumentException("node id '" + given.get(i).id() + "' is given twice");
      }
    }
    int[] from = new int[joined.size()];
    int[] to = new int[joined.size()];
    for (int e = 0; e < joined.size(); e++) {
      Edge edge = joined.get(e);
      if (!index.containsKey(edge.from()) || !index.containsKey(edge.to())) {
        throw new IllegalArgumentException(
            "edge " + edge.from() + " -> " + edge.to() + " names a node that was not given");
      }
      from[e] = index.get(edge.from());
      to[e] = index.get(edge.to());
    }
    Ranking ranking = new Ranking(given.size(), from, to);
    Layers layers = new Layers(given, ranking, spacing.laneWidth());
    layers.reduceCrossings();
    return new Placement(given, joined, spacing, ranking, layers).place();
  }
}
