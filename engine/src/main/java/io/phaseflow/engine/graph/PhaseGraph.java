package io.phaseflow.engine.graph;

import io.phaseflow.engine.definition.Edge;
import io.phaseflow.engine.definition.HandlerReference;
import io.phaseflow.engine.definition.PhaseDefinition;
import io.phaseflow.engine.definition.TaskDefinition;
import io.phaseflow.engine.plan.Compiler;
import io.phaseflow.engine.plan.Plan;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan as phases and the transitions between them, for drawing one box per phase (the dashboard)
 * rather than one node per handler ({@link GraphRenderer}). Immutable; pure.
 *
 * @param phases in definition order
 * @param edges per phase in definition order: its {@code next} edge, then its {@code error} edge
 *     (the plan's transition table's edges)
 */
public record PhaseGraph(List<Phase> phases, List<Edge> edges) {
  public PhaseGraph {
    phases = List.copyOf(phases);
    edges = List.copyOf(edges);
  }

  /**
   * One phase.
   *
   * @param name its name
   * @param initial whether workflows start in it
   * @param isFinal whether reaching its end ends the workflow
   * @param handlers the handlers its entry runs
   * @param tasks for the run phase of a task DAG, its tasks; empty otherwise
   */
  public record Phase(
      String name,
      boolean initial,
      boolean isFinal,
      List<HandlerReference> handlers,
      List<TaskDefinition> tasks) {
    public Phase {
      handlers = List.copyOf(handlers);
      tasks = List.copyOf(tasks);
    }
  }

  public static PhaseGraph of(Plan plan) {
    List<Phase> phases = new ArrayList<>();
    for (PhaseDefinition p : plan.phases().values()) {
      boolean run = plan.isTaskGraph() && p.name().equals(Compiler.RUN);
      phases.add(
          new Phase(
              p.name(), p.initial(), p.isFinal(), p.handlers(), run ? plan.tasks() : List.of()));
    }
    return new PhaseGraph(phases, plan.table().edges());
  }
}
