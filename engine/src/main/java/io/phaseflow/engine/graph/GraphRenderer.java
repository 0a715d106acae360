package io.phaseflow.engine.graph;

import io.phaseflow.engine.definition.Edge;
import io.phaseflow.engine.definition.HandlerReference;
import io.phaseflow.engine.definition.TaskDefinition;
import io.phaseflow.engine.plan.Plan;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a plan: each phase as a box holding the DAG nodes its entry creates (one per handler, a
 * {@code for_each} one marked ×N, and the barrier they join), success edges solid, error edges
 * dashed. A task DAG is drawn inside its run phase. Pure; thread-safe.
 */
public final class GraphRenderer {

  public String render(Plan plan, GraphFormat format) {
    Graph graph = graph(plan);
    return format == GraphFormat.DOT
        ? DotWriter.write(plan.name(), graph)
        : MermaidWriter.write(graph);
  }

  /** A drawable graph: clusters of nodes, and edges between nodes. */
  record Graph(List<Cluster> clusters, List<Arrow> arrows) {}

  record Cluster(String id, String label, boolean initial, boolean isFinal, List<Node> nodes) {}

  record Node(String id, String label, boolean barrier) {}

  /** A drawn arrow between two nodes (inside a phase, or a phase's edge between clusters). */
  record Arrow(String from, String to, boolean error, String label) {}

  static Graph graph(Plan plan) {
    PhaseGraph phases = PhaseGraph.of(plan);
    List<Cluster> clusters = new ArrayList<>();
    List<Arrow> arrows = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (PhaseGraph.Phase phase : phases.phases()) {
      String cid = "p" + names.size();
      names.add(phase.name());
      List<Node> nodes = new ArrayList<>();
      String barrier = cid + "_end";
      if (!phase.tasks().isEmpty()) {
        addTasks(phase.tasks(), cid, nodes, arrows, barrier);
      } else {
        int h = 0;
        for (HandlerReference ref : phase.handlers()) {
          String nid = cid + "_h" + h++;
          nodes.add(new Node(nid, handlerLabel(ref), false));
          arrows.add(new Arrow(nid, barrier, false, null));
        }
      }
      nodes.add(new Node(barrier, "all jobs done", true));
      clusters.add(new Cluster(cid, phase.name(), phase.initial(), phase.isFinal(), nodes));
    }
    for (Edge t : phases.edges()) {
      String from = "p" + names.indexOf(t.from()) + "_end";
      boolean error = t.kind() == Edge.Kind.ERROR;
      arrows.add(
          new Arrow(from, firstNode(clusters, names, t.to()), error, error ? "error" : "ok"));
    }
    return new Graph(clusters, arrows);
  }

  private static void addTasks(
      List<TaskDefinition> tasks,
      String cid,
      List<Node> nodes,
      List<Arrow> arrows,
      String barrier) {
    List<String> names = tasks.stream().map(TaskDefinition::name).toList();
    for (int i = 0; i < tasks.size(); i++) {
      TaskDefinition task = tasks.get(i);
      String label =
          task.name().equals(task.handler().name())
              ? task.name()
              : task.name() + "\\n(" + task.handler().name() + ")";
      if (task.forEach() != null) {
        label += " ×N\\nfor_each " + task.forEach();
      }
      nodes.add(new Node(cid + "_t" + i, label, false));
      for (String parent : task.parents()) {
        arrows.add(new Arrow(cid + "_t" + names.indexOf(parent), cid + "_t" + i, false, null));
      }
      arrows.add(new Arrow(cid + "_t" + i, barrier, false, null));
    }
  }

  /** Edges between phases go to the first node of the target, so they cross cluster borders. */
  private static String firstNode(List<Cluster> clusters, List<String> names, String phase) {
    return clusters.get(names.indexOf(phase)).nodes().get(0).id();
  }

  private static String handlerLabel(HandlerReference ref) {
    String label =
        !ref.requirement().plainMajor()
            ? ref.label()
            : ref.version() == 1 ? ref.name() : ref.name() + " v" + ref.version();
    return ref.forEach() == null ? label : label + " ×N\\nfor_each " + ref.forEach();
  }
}
