package io.phaseflow.engine.definition;

import java.util.ArrayList;
import java.util.List;

/**
 * One phase of a phase graph.
 *
 * @param name the phase name
 * @param initial {@code is_initial}
 * @param isFinal {@code is_final}
 * @param transitionsTo {@code transitions_to}, or null (only for final phases)
 * @param onErrorTransitionTo {@code on_error_transition_to}, or null: a failure then fails the
 *     workflow
 * @param handlers the handlers whose jobs run when the phase is entered, possibly none
 */
public record PhaseDefinition(
    String name,
    boolean initial,
    boolean isFinal,
    String transitionsTo,
    String onErrorTransitionTo,
    List<HandlerReference> handlers) {

  public PhaseDefinition {
    handlers = List.copyOf(handlers);
  }

  /** Its outgoing edges: the {@code transitions_to} one, then the error one, when present. */
  public List<Edge> edges() {
    if (transitionsTo == null && onErrorTransitionTo == null) {
      return List.of();
    }
    List<Edge> edges = new ArrayList<>(2);
    if (transitionsTo != null) {
      edges.add(new Edge(name, transitionsTo, Edge.Kind.NEXT));
    }
    if (onErrorTransitionTo != null) {
      edges.add(new Edge(name, onErrorTransitionTo, Edge.Kind.ERROR));
    }
    return edges;
  }
}
