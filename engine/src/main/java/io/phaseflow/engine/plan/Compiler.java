package io.phaseflow.engine.plan;

import io.phaseflow.engine.InvalidDefinition;
import io.phaseflow.engine.definition.Definition;
import io.phaseflow.engine.definition.Edge;
import io.phaseflow.engine.definition.PhaseDefinition;
import io.phaseflow.engine.statemachine.PhaseMachine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a validated definition into a {@link Plan} (reached through {@link CompiledDefinition},
 * the one entry point): the graph's edges and final phases, in one pass. A graph of up to {@value
 * #MACHINE_CHECKED_PHASES} phases also goes through Spring Statemachine, and its edges must equal
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
    List<Edge> edges = new ArrayList<>();
    Set<String> finals = new HashSet<>();
    String initial = null;
    for (PhaseDefinition phase : phases.values()) {
      edges.addAll(phase.edges());
      if (phase.isFinal()) {
        finals.add(phase.name());
      }
      if (phase.initial()) {
        initial = phase.name();
      }
    }
    if (initial == null) {
      throw new InvalidDefinition(
          "workflow '" + definition.name() + "' has no initial phase; validate it first");
    }
    if (phases.size() <= MACHINE_CHECKED_PHASES) {
      checkAgainstMachine(definition.name(), phases, initial, edges, finals);
    }
    return new Plan(
        definition,
        phases,
        definition.tasks(),
        new TransitionTable(
            definition.name(),
            initial,
            List.copyOf(phases.keySet()),
            finals,
            edges,
            definition.maxTransitions()));
  }

  /** Builds the Spring state machine of the graph; its edges and ends must be the table's. */
  private static void checkAgainstMachine(
      String workflow,
      Map<String, PhaseDefinition> phases,
      String initial,
      List<Edge> edges,
      Set<String> finals) {
    PhaseMachine.Description machine = PhaseMachine.describe(workflow, phases.values());
    Set<Edge> expected = new HashSet<>(edges);
    Set<Edge> built = new HashSet<>(machine.edges());
    if (!expected.equals(built)) {
      Set<Edge> missing = new HashSet<>(expected);
      missing.removeAll(built);
      Set<Edge> extra = new HashSet<>(built);
      extra.removeAll(expected);
      throw new InvalidDefinition(
          "workflow '"
              + workflow
              + "': the state machine disagrees with the table: it lacks "
              + missing
              + " and adds "
              + extra);
    }
    if (!finals.equals(machine.ends())) {
      throw new InvalidDefinition(
          "workflow '" + workflow + "': the state machine ends in " + machine.ends());
    }
    if (!initial.equals(machine.initial())) {
      throw new InvalidDefinition(
          "workflow '" + workflow + "': the state machine starts in '" + machine.initial() + "'");
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
