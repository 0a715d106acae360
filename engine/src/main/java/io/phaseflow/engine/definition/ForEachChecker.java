package io.phaseflow.engine.definition;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks each {@code for_each} pointer: valid syntax, rooted at {@code /data/...} or {@code
 * /inputs/<name>/...}, and, for inputs, naming something that ran just before: a handler of a phase
 * that transitions into this one (a task's are {@link TaskForEachChecker}'s).
 */
final class ForEachChecker {
  private static final String EXAMPLE = "e.g. /data/items or /inputs/PreviousHandler/*/items";

  private final ErrorCollector errors;

  ForEachChecker(ErrorCollector errors) {
    this.errors = errors;
  }

  /**
   * @param complete whether every phase could be read; the predecessor rule is only checked when
   *     the graph's edges and the predecessors' handlers are all known
   */
  void checkPhases(List<LocatedPhase> phases, boolean complete) {
    Map<String, Map<String, String>> producersByPhase = producersByPhase(phases);
    boolean edgesKnown = PhaseGraphChecker.edgesSound(phases, complete);
    Set<String> unreadablePredecessors = targetsOfUnreadableHandlers(phases);
    for (LocatedPhase phase : phases) {
      List<HandlerReference> handlers = phase.definition().handlers();
      for (int i = 0; i < handlers.size(); i++) {
        HandlerReference handler = handlers.get(i);
        String owner = "handler '" + handler.name() + "' in " + phase.label();
        String path = JsonPaths.child(phase.handlerPaths().get(i), "for_each");
        String input = inputName(handler.forEach(), path, owner);
        if (input == null) {
          continue;
        }
        if (phase.definition().initial()) {
          errors.add(
              path,
              "for_each of "
                  + owner
                  + " reads /inputs, but "
                  + phase.label()
                  + " is the initial phase: nothing has run before it",
              "read from /data instead, e.g. /data/items");
          continue;
        }
        Map<String, String> producers = producersByPhase.getOrDefault(phase.name(), Map.of());
        if (edgesKnown
            && !unreadablePredecessors.contains(phase.name())
            && !producers.containsKey(input)) {
          errors.add(
              path,
              "for_each of "
                  + owner
                  + " reads the output of handler '"
                  + input
                  + "', but no phase that transitions into '"
                  + phase.name()
                  + "' runs it",
              producers.isEmpty()
                  ? "no phase with handlers leads into '" + phase.name() + "'; read from /data"
                  : Suggestions.closest(input, producers.keySet())
                          .map(c -> "did you mean '" + c + "'? ")
                          .orElse("")
                      + "the handlers of phases leading into '"
                      + phase.name()
                      + "' are "
                      + describe(producers));
        }
      }
    }
  }

  /**
   * Checks what every pointer must satisfy, returning the name after {@code /inputs/} when the
   * pointer reads inputs, else null (also after an error).
   */
  private String inputName(String text, String path, String owner) {
    if (text == null) {
      return null;
    }
    ForEachPointer pointer;
    try {
      pointer = ForEachPointer.parse(text);
    } catch (IllegalArgumentException e) {
      errors.add(
          path,
          "for_each of " + owner + " is not a valid pointer: " + e.getMessage(),
          "write a JSON pointer, " + EXAMPLE);
      return null;
    }
    List<String> segments = pointer.segments();
    String root = segments.get(0);
    if (!root.equals("data") && !root.equals("inputs")) {
      errors.add(
          path,
          "for_each pointer '"
              + text
              + "' of "
              + owner
              + " starts with '/"
              + root
              + "', but it can only read /data or /inputs",
          Suggestions.closest(root, List.of("data", "inputs"))
              .map(s -> "did you mean '/" + s + "'?")
              .orElse("start it with /data or /inputs, " + EXAMPLE));
      return null;
    }
    if (segments.size() == 1) {
      errors.add(
          path,
          "for_each pointer '"
              + text
              + "' of "
              + owner
              + " selects all of /"
              + root
              + ", which is an object, never an array",
          root.equals("data")
              ? "point at an array inside the data, e.g. /data/items"
              : "name whose output to read, e.g. /inputs/PreviousHandler/*/items");
      return null;
    }
    return root.equals("inputs") ? segments.get(1) : null;
  }

  /**
   * The phases led into by a phase whose handlers could not all be read: their inputs are unknown.
   * One pass over the graph (asking per phase would make validation quadratic).
   */
  private static Set<String> targetsOfUnreadableHandlers(List<LocatedPhase> phases) {
    Set<String> targets = new HashSet<>();
    for (LocatedPhase p : phases) {
      if (p.invalid("handlers")) {
        targets.add(p.definition().transitionsTo());
        targets.add(p.definition().onErrorTransitionTo());
      }
    }
    return targets;
  }

  /** For each phase, the handlers of the phases that transition into it, with where they run. */
  private static Map<String, Map<String, String>> producersByPhase(List<LocatedPhase> phases) {
    Map<String, Map<String, String>> producers = new LinkedHashMap<>();
    for (LocatedPhase from : phases) {
      Set<String> targets = new LinkedHashSet<>();
      targets.add(from.definition().transitionsTo());
      targets.add(from.definition().onErrorTransitionTo());
      targets.remove(null);
      for (String target : targets) {
        Map<String, String> handlers =
            producers.computeIfAbsent(target, t -> new LinkedHashMap<>());
        from.definition()
            .handlers()
            .forEach(h -> handlers.merge(h.name(), from.name(), (a, b) -> a + "', '" + b));
      }
    }
    return producers;
  }

  private static String describe(Map<String, String> producers) {
    StringBuilder out = new StringBuilder();
    producers.forEach(
        (handler, phase) ->
            out.append(out.length() == 0 ? "" : "; ")
                .append("'" + handler + "' (phase '" + phase + "')"));
    return out.toString();
  }
}
