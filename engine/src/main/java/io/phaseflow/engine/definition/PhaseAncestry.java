package io.phaseflow.engine.definition;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which phases can run before which, over success and error edges alike. Pure. */
final class PhaseAncestry {
  private PhaseAncestry() {}

  /** For each phase, the phases with a transition into it. */
  static Map<String, Set<String>> predecessors(List<LocatedPhase> phases) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (LocatedPhase from : phases) {
      for (String to :
          new String[] {
            from.definition().transitionsTo(), from.definition().onErrorTransitionTo()
          }) {
        if (to != null) {
          out.computeIfAbsent(to, t -> new LinkedHashSet<>()).add(from.name());
        }
      }
    }
    return out;
  }

  /** The phases from which a path of transitions leads to {@code phase}. */
  static Set<String> ancestors(String phase, Map<String, Set<String>> predecessors) {
    Set<String> seen = new LinkedHashSet<>();
    java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(phase));
    while (!todo.isEmpty()) {
      for (String p : predecessors.getOrDefault(todo.pop(), Set.of())) {
        if (seen.add(p)) {
          todo.push(p);
        }
      }
    }
    return seen;
  }
}
