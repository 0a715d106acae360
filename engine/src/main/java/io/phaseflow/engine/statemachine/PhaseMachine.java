package io.phaseflow.engine.statemachine;

import io.phaseflow.engine.InvalidDefinition;
import io.phaseflow.engine.definition.Edge;
import io.phaseflow.engine.definition.PhaseDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.config.StateMachineBuilder;
import org.springframework.statemachine.config.configurers.ExternalTransitionConfigurer;
import org.springframework.statemachine.config.configurers.StateConfigurer;
import org.springframework.statemachine.transition.Transition;

/**
 * Builds the Spring Statemachine of a validated phase graph once, at load time, and reads back the
 * transitions it holds, so the compiler can cross-check its own transition table against it. The
 * run-time never sends events to it: an event costs about 70 µs and 27 KB of garbage, and a machine
 * that reached an end state cannot be reused, so the engine runs the plain table. This is the only
 * class that touches Spring Statemachine.
 */
public final class PhaseMachine {

  private PhaseMachine() {}

  /**
   * The built machine, read back: its states, initial and end states and its transitions (a {@link
   * PhaseEvent#SUCCEEDED} one as a {@link Edge.Kind#NEXT} edge, a failed one as {@link
   * Edge.Kind#ERROR}).
   */
  public record Description(
      String initial, Set<String> states, Set<String> ends, List<Edge> edges) {}

  /**
   * Builds the machine for {@code phases} and describes it.
   *
   * @throws InvalidDefinition when Spring Statemachine refuses the graph; definitions that passed
   *     validation never do
   */
  public static Description describe(String workflow, Collection<PhaseDefinition> phases) {
    StateMachine<String, PhaseEvent> machine = build(workflow, phases);
    List<Edge> edges = new ArrayList<>();
    for (Transition<String, PhaseEvent> t : machine.getTransitions()) {
      Edge.Kind kind =
          t.getTrigger().getEvent() == PhaseEvent.SUCCEEDED ? Edge.Kind.NEXT : Edge.Kind.ERROR;
      edges.add(new Edge(t.getSource().getId(), t.getTarget().getId(), kind));
    }
    edges.sort(Comparator.comparing(Edge::from).thenComparing(Edge::kind));
    Set<String> states = new LinkedHashSet<>();
    Set<String> ends = new LinkedHashSet<>();
    String initial = null;
    for (var state : machine.getStates()) {
      states.add(state.getId());
    }
    for (PhaseDefinition p : phases) {
      if (p.isFinal()) {
        ends.add(p.name());
      }
      if (p.initial()) {
        initial = machine.getInitialState().getId();
      }
    }
    return new Description(initial, states, ends, edges);
  }

  private static StateMachine<String, PhaseEvent> build(
      String workflow, Collection<PhaseDefinition> phases) {
    try {
      StateMachineBuilder.Builder<String, PhaseEvent> builder = StateMachineBuilder.builder();
      builder.configureConfiguration().withConfiguration().autoStartup(false);
      StateConfigurer<String, PhaseEvent> states = builder.configureStates().withStates();
      Set<String> names = new HashSet<>();
      for (PhaseDefinition p : phases) {
        names.add(p.name());
        if (p.initial()) {
          states.initial(p.name());
        }
        if (p.isFinal()) {
          states.end(p.name());
        }
      }
      states.states(names);
      var transitions = builder.configureTransitions();
      for (PhaseDefinition p : phases) {
        for (Edge e : p.edges()) {
          PhaseEvent event = e.kind() == Edge.Kind.NEXT ? PhaseEvent.SUCCEEDED : PhaseEvent.FAILED;
          edge(transitions.withExternal(), e.from(), e.to(), event);
        }
      }
      return builder.build();
    } catch (Exception e) {
      throw new InvalidDefinition(
          "cannot build the phase state machine of workflow '" + workflow + "': " + e.getMessage(),
          e);
    }
  }

  private static void edge(
      ExternalTransitionConfigurer<String, PhaseEvent> t,
      String source,
      String target,
      PhaseEvent event) {
    t.source(source).target(target).event(event);
  }
}
