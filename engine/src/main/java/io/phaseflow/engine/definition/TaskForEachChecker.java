package io.phaseflow.engine.definition;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks each task's {@code for_each}: where it may read, and what may come before it. */
final class TaskForEachChecker {
  private static final String TASK_EXAMPLE = "e.g. /data/rows or /outputs/split/sections";

  private final ErrorCollector errors;

  TaskForEachChecker(ErrorCollector errors) {
    this.errors = errors;
  }

  /**
   * A task's {@code for_each} reads {@code /data/...} (expanded when the DAG starts) or {@code
   * /outputs/<task>/...} of an ancestor task (expanded when the task's last parent succeeds). A
   * task that expands from outputs cannot have a {@code for_each} task as a parent: that parent's
   * success is itself decided inside another job's step, with no room to expand another fan-out.
   *
   * @param complete whether every task could be read; names are only checked when they all were
   */
  void check(List<LocatedTask> tasks, boolean complete) {
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
      if (!task.definition().handler().inputsFrom().isEmpty()) {
        errors.add(
            JsonPaths.child(task.handlerPath(), "inputs_from"),
            task.label()
                + " has inputs_from in its handler, but a task reads what ran before it"
                + " from its parents",
            "remove inputs_from and add the tasks whose outputs it needs to its depends");
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
}
