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
 * that transitions into this one; a task's reads {@code /data} or an ancestor's {@code /outputs}.
 */
final class ForEachChecker {
  private static final String EXAMPLE = "e.g. /data/items or /inputs/PreviousHandler/*/items";
  private static final String TASK_EXAMPLE = "e.g. /data/rows or /outputs/split/sections";

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
   * A task's {@code for_each} reads {@code /data/...} (expanded when the DAG starts) or {@code
   * /outputs/<task>/...} of an ancestor task (expanded when the task's last parent succeeds). A
   * task that expands from outputs cannot have a {@code for_each} task as a parent: that parent's
   * success is itself decided inside another job's step, with no room to expand another fan-out.
   *
   * @param complete whether every task could be read; names are only checked when they all were
   */
  void checkTasks(List<LocatedTask> tasks, boolean complete) {
    Map<String, TaskDefinition> byName = new LinkedHashMap<>();
    tasks.forEach(t -> byName.put(t.name(), t.definition()));
    for (LocatedTask task : tasks) {
      if (task.definition().handler().forEach() != null) {
        errors.add(
            JsonPaths.child(task.handlerPath(), "for_each"),
            task.label() + " has a for_each in its handler, but a task's for_each goes on the task",
            "move it up: {\"name\": \""
                + task.name()
                + "\", \"for_each\": \""
                + task.definition().handler().forEach()
                + "\", ...}");
      }
      String text = task.definition().forEach();
      if (text != null) {
        checkTask(task, text, byName, complete);
      }
    }
  }

  private void checkTask(
      LocatedTask task, String text, Map<String, TaskDefinition> byName, boolean complete) {
    String path = JsonPaths.child(task.path(), "for_each");
    String owner = task.label();
    ForEachPointer pointer;
    try {
      pointer = ForEachPointer.parse(text);
    } catch (IllegalArgumentException e) {
      errors.add(
          path,
          "for_each of " + owner + " is not a valid pointer: " + e.getMessage(),
          "write a JSON pointer, " + TASK_EXAMPLE);
      return;
    }
    List<String> segments = pointer.segments();
    String root = segments.get(0);
    if (!root.equals("data") && !root.equals("outputs")) {
      errors.add(
          path,
          "for_each pointer '"
              + text
              + "' of "
              + owner
              + " starts with '/"
              + root
              + "', but a task's for_each can only read /data or /outputs/<task>",
          root.equals("inputs")
              ? "a task reads what ran before it by task name: /outputs/<ancestor task>/..."
              : Suggestions.closest(root, List.of("data", "outputs"))
                  .map(s -> "did you mean '/" + s + "'?")
                  .orElse("start it with /data or /outputs, " + TASK_EXAMPLE));
      return;
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
              : "name whose output to read, e.g. /outputs/split/sections");
      return;
    }
    if (root.equals("data") || !complete) {
      return;
    }
    String source = segments.get(1);
    Set<String> ancestors = ancestors(task.name(), byName);
    if (!ancestors.contains(source)) {
      errors.add(
          path,
          "for_each of "
              + owner
              + " reads the output of task '"
              + source
              + "', but that task "
              + (byName.containsKey(source)
                  ? "does not run before it (it is not among its parents or their ancestors)"
                  : "does not exist"),
          ancestors.isEmpty()
              ? "add '" + source + "' to its depends, or read from /data"
              : Suggestions.closest(source, ancestors)
                      .map(c -> "did you mean '" + c + "'? ")
                      .orElse("")
                  + "the tasks that run before it are "
                  + Suggestions.quotedList(List.copyOf(ancestors))
                  + "; or add '"
                  + source
                  + "' to its depends");
      return;
    }
    for (String parent : task.definition().parents()) {
      TaskDefinition p = byName.get(parent);
      if (p != null && p.forEach() != null) {
        errors.add(
            path,
            "for_each of "
                + owner
                + " reads /outputs, so it expands when its last parent succeeds, but its parent '"
                + parent
                + "' has a for_each itself (its success is decided as its last element ends)",
            "put a task between them that passes on what '"
                + task.name()
                + "' needs, or have it read /data");
      }
    }
  }

  /** The tasks that run before {@code name}: its parents and theirs (cycles are reported apart). */
  private static Set<String> ancestors(String name, Map<String, TaskDefinition> byName) {
    Set<String> seen = new LinkedHashSet<>();
    java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(name));
    while (!todo.isEmpty()) {
      TaskDefinition t = byName.get(todo.pop());
      if (t == null) {
        continue;
      }
      for (String p : t.parents()) {
        if (seen.add(p)) {
          todo.push(p);
        }
      }
    }
    seen.remove(name);
    return seen;
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
