package io.phaseflow.engine.plan;

import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.definition.Definition;
import io.phaseflow.engine.definition.PhaseDefinition;
import io.phaseflow.engine.statemachine.PhaseEvent;
import io.phaseflow.engine.statemachine.PhaseMachine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a validated definition into a {@link Plan}. A phase graph goes through Spring
 * Statemachine once, and the table is read back from the built machine, so what runs is exactly
 * what the machine holds. A task DAG becomes the graph {@code run → succeeded}, {@code run ⇢
 * failed}. Pure and thread-safe.
 */
public final class Compiler {
  /** The phase that holds every task of a task DAG. */
  public static final String RUN = "run";

  /** The final phase of a task DAG whose tasks all succeeded. */
  public static final String SUCCEEDED = "succeeded";

  /** The final phase of a task DAG in which a task failed. */
  public static final String FAILED = "failed";

  public Plan compile(Definition definition) {
    Map<String, PhaseDefinition> phases =
        definition.kind() == Definition.Kind.TASKS ? taskGraphPhases() : definition.phases();
    PhaseMachine.Description machine = PhaseMachine.describe(definition.name(), phases.values());
    Map<String, TransitionTable.Row> rows = new LinkedHashMap<>();
    for (PhaseDefinition phase : phases.values()) {
      rows.put(
          phase.name(),
          new TransitionTable.Row(
              phase.name(),
              target(machine, phase.name(), PhaseEvent.SUCCEEDED),
              target(machine, phase.name(), PhaseEvent.FAILED),
              machine.ends().contains(phase.name())));
    }
    if (machine.initial() == null) {
      throw new PhaseflowException(
          "workflow '" + definition.name() + "' has no initial phase; validate it first", false);
    }
    return new Plan(
        definition,
        phases,
        definition.tasks(),
        new TransitionTable(definition.name(), machine.initial(), rows));
  }

  private static String target(PhaseMachine.Description machine, String source, PhaseEvent event) {
    return machine.edges().stream()
        .filter(e -> e.source().equals(source) && e.event() == event)
        .map(PhaseMachine.Edge::target)
        .findFirst()
        .orElse(null);
  }

  private static Map<String, PhaseDefinition> taskGraphPhases() {
    Map<String, PhaseDefinition> phases = new LinkedHashMap<>();
    phases.put(RUN, new PhaseDefinition(RUN, true, false, SUCCEEDED, FAILED, List.of()));
    phases.put(SUCCEEDED, new PhaseDefinition(SUCCEEDED, false, true, null, null, List.of()));
    phases.put(FAILED, new PhaseDefinition(FAILED, false, true, null, null, List.of()));
    return phases;
  }
}
