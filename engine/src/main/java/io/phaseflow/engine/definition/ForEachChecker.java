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
    Map<String, Set<String>> predecessors = PhaseAncestry.predecessors(phases);
    for (LocatedPhase phase : phases) {
      List<HandlerReference> handlers = phase.definition().handlers();
      for (int i = 0; i < handlers.size(); i++) {
        HandlerReference handler = handlers.get(i);
        String owner = "handler '" + handler.name() + "' in " + phase.label();
        String path = JsonPaths.child(phase.handlerPaths().get(i), "for_each");
        String input = inputName(handler.forEach(), path, owner);
        if (edgesKnown) {
          checkInputsFrom(phase, handler, phase.handlerPaths().get(i), owner, predecessors);
        }
        if (edgesKnown && handler.forEach() != null && handler.forEach().startsWith("/outputs/")) {
          checkOutputs(phase, handler.forEach(), path, owner, phases, predecessors);
        }
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
   * A pointer {@code /outputs/<phase>/<Handler>/...} reads the latest entry of a phase that can run
   * before this one (a path of transitions leads from it here), and a handler of that phase.
   */
  private void checkOutputs(
      LocatedPhase phase,
      String text,
      String path,
      String owner,
      List<LocatedPhase> phases,
      Map<String, Set<String>> predecessors) {
    List<String> segments;
    try {
      segments = ForEachPointer.parse(text).segments();
    } catch (IllegalArgumentException e) {
      return; // reported by inputName
    }
    if (segments.size() < 2) {
      return;
    }
    String from = segments.get(1);
    LocatedPhase source =
        phases.stream().filter(p -> p.name().equals(from)).findFirst().orElse(null);
    Set<String> before = PhaseAncestry.ancestors(phase.name(), predecessors);
    if (source == null || !before.contains(from)) {
      errors.add(
          path,
          "for_each of "
              + owner
              + " reads the outputs of phase '"
              + from
              + "', but "
              + (source == null
                  ? "there is no such phase"
                  : "no path of transitions leads from it to '" + phase.name() + "'"),
          before.isEmpty()
              ? "no phase runs before '" + phase.name() + "'; read from /data"
              : Suggestions.closest(from, before).map(c -> "did you mean '" + c + "'? ").orElse("")
                  + "the phases that can run before it are "
                  + Suggestions.quotedList(before));
      return;
    }
    if (segments.size() < 3) {
      return;
    }
    String handler = segments.get(2);
    List<String> names =
        source.definition().handlers().stream().map(HandlerReference::name).toList();
    if (!names.contains(handler)) {
      errors.add(
          path,
          "for_each of "
              + owner
              + " reads the outputs of handler '"
              + handler
              + "' of phase '"
              + from
              + "', but that phase does not run it",
          names.isEmpty()
              ? "phase '" + from + "' runs no handlers"
              : Suggestions.hint(handler, names, "its handlers are"));
    }
  }

  /** Each phase an {@code inputs_from} names must exist and be able to run before this one. */
  private void checkInputsFrom(
      LocatedPhase phase,
      HandlerReference handler,
      String handlerPath,
      String owner,
      Map<String, Set<String>> predecessors) {
    Set<String> before = null;
    for (int k = 0; k < handler.inputsFrom().size(); k++) {
      String from = handler.inputsFrom().get(k);
      before = before == null ? PhaseAncestry.ancestors(phase.name(), predecessors) : before;
      if (!before.contains(from)) {
        errors.add(
            JsonPaths.index(JsonPaths.child(handlerPath, "inputs_from"), k),
            "inputs_from of "
                + owner
                + " names phase '"
                + from
                + "', but no path of transitions leads from a phase of that name to '"
                + phase.name()
                + "'",
            before.isEmpty()
                ? "no phase runs before '" + phase.name() + "'"
                : Suggestions.closest(from, before)
                        .map(c -> "did you mean '" + c + "'? ")
                        .orElse("")
                    + "the phases that can run before it are "
                    + Suggestions.quotedList(before));
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
    if (!root.equals("data") && !root.equals("inputs") && !root.equals("outputs")) {
      errors.add(
          path,
          "for_each pointer '"
              + text
              + "' of "
              + owner
              + " starts with '/"
              + root
              + "', but it can only read /data, /inputs or /outputs/<phase>/<Handler>",
          Suggestions.closest(root, List.of("data", "inputs", "outputs"))
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
              : root.equals("inputs")
                  ? "name whose output to read, e.g. /inputs/PreviousHandler/*/items"
                  : "name a phase and its handler, e.g. /outputs/searching/LocalSearcher/*/hits");
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
