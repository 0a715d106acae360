package io.phaseflow.engine.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.definition.Edge;
import io.phaseflow.engine.definition.TaskDefinition;
import io.phaseflow.engine.graph.LayeredLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A task DAG as the dashboard draws it task by task: one box per task placed by the same {@link
 * LayeredLayout} as the phase graph, one routed edge per parent → task dependency, so the browser
 * computes no geometry. Pure.
 */
final class TaskGraphJson {
  static final double BOX_WIDTH = 170;
  static final double BOX_HEIGHT = 58;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private TaskGraphJson() {}

  /**
   * {@code {"width", "height", "nodes": [{"id", "handler", "rank", "order", "x", "y", "width",
   * "height"}], "edges": [{"from", "to", "reversed", "points": [{"x", "y"}]}]}}, nodes in task
   * order.
   */
  static ObjectNode graph(List<TaskDefinition> tasks) {
    List<LayeredLayout.Node> nodes =
        tasks.stream().map(t -> new LayeredLayout.Node(t.name(), BOX_WIDTH, BOX_HEIGHT)).toList();
    List<Edge> edges = new ArrayList<>();
    for (TaskDefinition t : tasks) {
      t.parents().forEach(p -> edges.add(new Edge(p, t.name(), Edge.Kind.NEXT)));
    }
    LayeredLayout.Layout layout =
        LayeredLayout.layout(nodes, edges, new LayeredLayout.Spacing(48, 28, 14, 20));
    ObjectNode o = F.objectNode();
    o.put("width", layout.width());
    o.put("height", layout.height());
    ArrayNode ns = o.putArray("nodes");
    for (int i = 0; i < tasks.size(); i++) {
      LayeredLayout.Box b = layout.boxes().get(i);
      ns.addObject()
          .put("id", b.id())
          .put("handler", tasks.get(i).handler().name())
          .put("rank", b.rank())
          .put("order", b.order())
          .put("x", b.x())
          .put("y", b.y())
          .put("width", b.width())
          .put("height", b.height());
    }
    ArrayNode es = o.putArray("edges");
    for (LayeredLayout.Route r : layout.routes()) {
      ObjectNode e = es.addObject().put("from", r.from()).put("to", r.to());
      e.put("reversed", r.reversed());
      ArrayNode pts = e.putArray("points");
      r.points().forEach(pt -> pts.addObject().put("x", pt.x()).put("y", pt.y()));
    }
    return o;
  }
}
