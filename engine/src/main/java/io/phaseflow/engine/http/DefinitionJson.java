package io.phaseflow.engine.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.definition.Edge;
import io.phaseflow.engine.definition.HandlerReference;
import io.phaseflow.engine.definition.TaskDefinition;
import io.phaseflow.engine.graph.LayeredLayout;
import io.phaseflow.engine.graph.PhaseGraph;
import io.phaseflow.engine.plan.Plan;
import java.util.List;
import java.util.Locale;

/**
 * A definition as the dashboard draws it: its phases as boxes placed by {@link LayeredLayout} and
 * its transitions as routed edges, so the browser computes no geometry. Box heights follow the
 * number of lines a box shows: its title, its counts line and one line per handler (or task). Pure.
 */
final class DefinitionJson {
  static final double BOX_WIDTH = 220;
  static final double HEADER = 52;
  static final double LINE = 18;
  static final int MAX_LINES = 8;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private DefinitionJson() {}

  static ObjectNode definition(Plan plan, List<Integer> versions) {
    ObjectNode o = F.objectNode();
    o.put("name", plan.name());
    o.put("version", plan.version());
    ArrayNode vs = o.putArray("versions");
    versions.forEach(vs::add);
    o.put("kind", plan.definition().kind().name().toLowerCase(Locale.ROOT));
    o.set("data", plan.definition().data());
    o.set("graph", graph(PhaseGraph.of(plan)));
    if (plan.isTaskGraph()) {
      o.set("taskGraph", TaskGraphJson.graph(plan.tasks()));
    }
    return o;
  }

  static ObjectNode graph(PhaseGraph graph) {
    List<LayeredLayout.Node> nodes =
        graph.phases().stream()
            .map(p -> new LayeredLayout.Node(p.name(), BOX_WIDTH, height(p)))
            .toList();
    LayeredLayout.Layout layout = LayeredLayout.layout(nodes, graph.edges());
    ObjectNode o = F.objectNode();
    o.put("width", layout.width());
    o.put("height", layout.height());
    ArrayNode ns = o.putArray("nodes");
    for (int i = 0; i < graph.phases().size(); i++) {
      PhaseGraph.Phase p = graph.phases().get(i);
      LayeredLayout.Box b = layout.boxes().get(i);
      ObjectNode n = ns.addObject();
      n.put("id", p.name());
      n.put("initial", p.initial());
      n.put("final", p.isFinal());
      ArrayNode hs = n.putArray("handlers");
      p.handlers().forEach(h -> hs.add(handler(h)));
      if (!p.tasks().isEmpty()) {
        ArrayNode ts = n.putArray("tasks");
        p.tasks().forEach(t -> ts.add(task(t)));
      }
      n.put("rank", b.rank());
      n.put("order", b.order());
      n.put("x", b.x());
      n.put("y", b.y());
      n.put("width", b.width());
      n.put("height", b.height());
    }
    ArrayNode es = o.putArray("edges");
    for (int i = 0; i < graph.edges().size(); i++) {
      Edge t = graph.edges().get(i);
      LayeredLayout.Route r = layout.routes().get(i);
      ObjectNode e = es.addObject();
      e.put("from", t.from());
      e.put("to", t.to());
      e.put("kind", t.kind().name().toLowerCase(Locale.ROOT));
      e.put("reversed", r.reversed());
      ArrayNode pts = e.putArray("points");
      r.points().forEach(pt -> pts.addObject().put("x", pt.x()).put("y", pt.y()));
      e.putObject("label").put("x", r.label().x()).put("y", r.label().y());
    }
    return o;
  }

  /** Title and counts, then one line per handler or task, at most {@value #MAX_LINES}. */
  static double height(PhaseGraph.Phase p) {
    int lines = p.tasks().isEmpty() ? p.handlers().size() : p.tasks().size();
    return HEADER + LINE * Math.min(lines, MAX_LINES);
  }

  private static ObjectNode handler(HandlerReference h) {
    ObjectNode o = F.objectNode();
    o.put("name", h.name());
    o.put("version", h.version());
    if (!h.requirement().plainMajor()) {
      o.put("requirement", h.requirement().toString());
    }
    o.put("forEach", h.forEach());
    return o;
  }

  private static ObjectNode task(TaskDefinition t) {
    ObjectNode o = F.objectNode();
    o.put("name", t.name());
    o.put("handler", t.handler().name());
    ArrayNode parents = o.putArray("parents");
    t.parents().forEach(parents::add);
    return o;
  }
}
