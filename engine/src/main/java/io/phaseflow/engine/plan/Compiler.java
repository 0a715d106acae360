package io.phaseflow.engine.plan;

import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.definition.Definition;
import io.phaseflow.engine.definition.PhaseDefinition;
import io.phaseflow.engine.statemachine.PhaseEvent;
import io.phaseflow.engine.statemachine.PhaseMachine;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compiles a validated definition into a {@link Plan} (reached through {@link CompiledDefinition},
 * the one entry point): one row per phase, in one pass. A graph of up to {@value
 * #MACHINE_CHECKED_PHASES} phases also goes through Spring Statemachine, and the table must equal
 * what the built machine holds; larger graphs skip that cross-check, because Spring Statemachine's
 * builder scans every state it has built for each new one (quadratic: 50,000 phases took tens of
 * seconds). A task DAG becomes the graph {@code run → succeeded}, {@code run ⇢ failed}. Pure and
 * thread-safe.
 */
public final class Compiler {
  /** The phase that holds every task of a task DAG. */
  public static final String RUN = "run";

  /** The final phase of a task DAG whose tasks all succeeded. */
  public static final String SUCCEEDED = "succeeded";

  /** The final phase of a task DAG in which a task failed. */
  public static final String FAILED = "failed";

  /** The largest graph cross-checked with Spring Statemachine (a few milliseconds at this size). */
  static final int MACHINE_CHECKED_PHASES = 2_000;

  Compiler() {}

  Plan compile(Definition definition) {
    Map<String, PhaseDefinition> phases =
        definition.kind() == Definition.Kind.TASKS ? taskGraphPhases() : definition.phases();
    Map<String, TransitionTable.Row> rows = new LinkedHashMap<>();
    String initial = null;
    for (PhaseDefinition phase : phases.values()) {
      rows.put(
          phase.name(),
          new TransitionTable.Row(
              phase.name(), phase.transitionsTo(), phase.onErrorTransitionTo(), phase.isFinal()));
      if (phase.initial()) {
        initial = phase.name();
      }
    }
    if (initial == null) {
      throw new PhaseflowException(
          "workflow '" + definition.name() + "' has no initial phase; validate it first", false);
    }
    if (phases.size() <= MACHINE_CHECKED_PHASES) {
      checkAgainstMachine(definition.name(), phases, initial, rows);
    }
    return new Plan(
        definition,
        phases,
        definition.tasks(),
        new TransitionTable(definition.name(), initial, rows, definition.maxTransitions()));
  }

  /** Builds the Spring state machine of the graph; its transitions must be the table's. */
  private static void checkAgainstMachine(
      String workflow,
      Map<String, PhaseDefinition> phases,
      String initial,
      Map<String, TransitionTable.Row> rows) {
    PhaseMachine.Description machine = PhaseMachine.describe(workflow, phases.values());
    Map<String, String> targets = new HashMap<>();
    for (PhaseMachine.Edge edge : machine.edges()) {
      targets.put(edge.source() + "\n" + edge.event(), edge.target());
    }
    for (TransitionTable.Row row : rows.values()) {
      boolean same =
          Objects.equals(row.onSuccess(), targets.get(row.phase() + "\n" + PhaseEvent.SUCCEEDED))
              && Objects.equals(row.onError(), targets.get(row.phase() + "\n" + PhaseEvent.FAILED))
              && row.isFinal() == machine.ends().contains(row.phase());
      if (!same) {
        throw new PhaseflowException(
            "workflow '" + workflow + "': the state machine disagrees with the table at " + row,
            false);
      }
    }
    if (!initial.equals(machine.initial())) {
      throw new PhaseflowException(
          "workflow '" + workflow + "': the state machine starts in '" + machine.initial() + "'",
          false);
    }
  }

  private static Map<String, PhaseDefinition> taskGraphPhases() {
    Map<String, PhaseDefinition> phases = new LinkedHashMap<>();
    phases.put(RUN, new PhaseDefinition(RUN, true, false, SUCCEEDED, FAILED, List.of()));
    phases.put(SUCCEEDED, new PhaseDefinition(SUCCEEDED, false, true, null, null, List.of()));
    phases.put(FAILED, new PhaseDefinition(FAILED, false, true, null, null, List.of()));
    return phases;
  }
}
