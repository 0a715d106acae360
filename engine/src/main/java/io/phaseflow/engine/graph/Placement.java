package io.phaseflow.engine.graph;

import io.phaseflow.engine.definition.Edge;
import io.phaseflow.engine.graph.LayeredLayout.Box;
import io.phaseflow.engine.graph.LayeredLayout.Layout;
import io.phaseflow.engine.graph.LayeredLayout.Node;
import io.phaseflow.engine.graph.LayeredLayout.Point;
import io.phaseflow.engine.graph.LayeredLayout.Route;
import io.phaseflow.engine.graph.LayeredLayout.Spacing;
import java.util.ArrayList;
import java.util.List;

/**
 * The last step of a {@link LayeredLayout}: coordinates for ordered layers. Each rank is a band as
 * high as its highest box, centred under the widest; an edge's route passes its lanes' centres.
 * Pure.
 */
final class Placement {
  private static final double LOOP = 18;

  private final List<Node> nodes;
  private final List<Edge> edges;
  private final Spacing spacing;
  private final Ranking ranking;
  private final Layers layers;
  private final int n;

  Placement(List<Node> nodes, List<Edge> edges, Spacing spacing, Ranking ranking, Layers layers) {
    this.nodes = nodes;
    this.edges = edges;
    this.spacing = spacing;
    this.ranking = ranking;
    this.layers = layers;
    this.n = nodes.size();
  }

  Layout place() {
    double[] x = new double[layers.rankOf.size()];
    double[] top = new double[layers.ranks.size()];
    double[] bandHeight = new double[layers.ranks.size()];
    double widest = 0;
    double[] rowWidth = new double[layers.ranks.size()];
    for (int r = 0; r < layers.ranks.size(); r++) {
      for (int v : layers.ranks.get(r)) {
        rowWidth[r] += layers.widths.get(v);
        if (v < n) {
          bandHeight[r] = Math.max(bandHeight[r], nodes.get(v).height());
        }
      }
      rowWidth[r] += spacing.nodeGap() * Math.max(0, layers.ranks.get(r).size() - 1);
      widest = Math.max(widest, rowWidth[r]);
    }
    double y = spacing.margin();
    for (int r = 0; r < layers.ranks.size(); r++) {
      top[r] = y;
      y += bandHeight[r] + spacing.rankGap();
      double left = spacing.margin() + (widest - rowWidth[r]) / 2;
      for (int v : layers.ranks.get(r)) {
        x[v] = left;
        left += layers.widths.get(v) + spacing.nodeGap();
      }
    }
    double height =
        layers.ranks.isEmpty() ? 2 * spacing.margin() : y - spacing.rankGap() + spacing.margin();
    List<Box> boxes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Node node = nodes.get(i);
      int r = layers.rankOf.get(i);
      boxes.add(
          new Box(
              node.id(),
              r,
              layers.ranks.get(r).indexOf(i),
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
    if (ranking.from(e) == ranking.to(e)) {
      Box b = boxes.get(ranking.from(e));
      double right = b.x() + b.width();
      double upper = b.y() + b.height() * 0.3;
      double lower = b.y() + b.height() * 0.7;
      points.add(new Point(right, upper));
      points.add(new Point(right + LOOP, upper));
      points.add(new Point(right + LOOP, lower));
      points.add(new Point(right, lower));
    } else {
      List<Integer> chain = layers.chains.get(e);
      Box tail = boxes.get(chain.get(0));
      Box head = boxes.get(chain.get(chain.size() - 1));
      points.add(new Point(tail.x() + tail.width() / 2, tail.y() + tail.height()));
      for (int lane : chain.subList(1, chain.size() - 1)) {
        double cx = x[lane] + layers.widths.get(lane) / 2;
        int r = layers.rankOf.get(lane);
        points.add(new Point(cx, top[r]));
        points.add(new Point(cx, top[r] + band[r]));
      }
      points.add(new Point(head.x() + head.width() / 2, head.y()));
      if (ranking.reversed[e]) {
        java.util.Collections.reverse(points);
      }
    }
    int mid = points.size() / 2;
    Point a = points.get(mid - 1);
    Point b = points.get(mid);
    Point label = new Point((a.x() + b.x()) / 2, (a.y() + b.y()) / 2);
    return new Route(edge.from(), edge.to(), points, label, ranking.reversed[e]);
  }
}
