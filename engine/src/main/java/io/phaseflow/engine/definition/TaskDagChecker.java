package io.phaseflow.engine.definition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rules of a task DAG: every edge names a known other task, and there is no cycle. */
final class TaskDagChecker {
  private final ErrorCollector errors;

  TaskDagChecker(ErrorCollector errors) {
    this.errors = errors;
  }

  /**
   * @param complete whether every task entry could be read; if not, a name may only look unknown
   */
  void check(List<LocatedTask> tasks, boolean complete) {
    Map<String, LocatedTask> byName = new LinkedHashMap<>();
    tasks.forEach(t -> byName.put(t.name(), t));
    for (LocatedTask task : tasks) {
      for (LocatedTask.Edge edge : task.edges()) {
        checkEdge(edge, byName, complete);
      }
    }
    new CycleFinder(byName).cycles().forEach(cycle -> reportCycle(cycle, byName));
  }

  private void checkEdge(LocatedTask.Edge edge, Map<String, LocatedTask> byName, boolean complete) {
    String declaredBy = edge.declaredBy();
    String referenced = edge.referenced();
    if (referenced.equals(declaredBy)) {
      errors.add(
          edge.path(),
          "task '" + declaredBy + "' lists itself in its " + edge.key(),
          "remove '" + referenced + "' from " + edge.key() + "; a task cannot wait for itself");
    } else if (complete && !byName.containsKey(referenced)) {
      errors.add(
          edge.path(),
          "task '"
              + declaredBy
              + "' lists '"
              + referenced
              + "' in its "
              + edge.key()
              + ", but there is no task named '"
              + referenced
              + "'",
          Suggestions.hint(referenced, byName.keySet(), "the tasks are"));
    }
  }

  private void reportCycle(List<String> cycle, Map<String, LocatedTask> byName) {
    String first = cycle.get(0);
    String last = cycle.get(cycle.size() - 1);
    errors.add(
        byName.get(first).path(),
        "tasks form a cycle: "
            + String.join(" → ", cycle)
            + " → "
            + first
            + " (each arrow points from a parent to its child), so none of them can ever start",
        "remove one of these dependencies, e.g. make '"
            + first
            + "' no longer wait for '"
            + last
            + "'");
  }

  /**
   * Depth-first search in file order; each back edge closes one cycle. Cycles are reported starting
   * at their task that comes first in the file, and each such rotation only once. Iterative, so a
   * long chain of tasks cannot overflow the stack.
   */
  private static final class CycleFinder {
    private final Map<String, LocatedTask> byName;
    private final Map<String, List<String>> children = new HashMap<>();
    private final Map<String, Integer> order = new HashMap<>();

    CycleFinder(Map<String, LocatedTask> byName) {
      this.byName = byName;
      for (LocatedTask task : byName.values()) {
        order.put(task.name(), order.size());
        children.putIfAbsent(task.name(), new ArrayList<>());
        for (String parent : task.definition().parents()) {
          children.computeIfAbsent(parent, p -> new ArrayList<>()).add(task.name());
        }
      }
    }

    List<List<String>> cycles() {
      Set<String> done = new HashSet<>();
      Set<List<String>> found = new java.util.LinkedHashSet<>();
      for (String start : byName.keySet()) {
        if (done.contains(start)) {
          continue;
        }
        List<String> path = new ArrayList<>(List.of(start));
        List<Integer> nextChild = new ArrayList<>(List.of(0));
        Set<String> onPath = new HashSet<>(path);
        while (!path.isEmpty()) {
          int top = path.size() - 1;
          List<String> next = children.get(path.get(top));
          int i = nextChild.get(top);
          if (i == next.size()) {
            done.add(path.get(top));
            onPath.remove(path.remove(top));
            nextChild.remove(top);
            continue;
          }
          nextChild.set(top, i + 1);
          String child = next.get(i);
          if (onPath.contains(child)) {
            found.add(rotate(path.subList(path.indexOf(child), path.size())));
          } else if (!done.contains(child)) {
            path.add(child);
            nextChild.add(0);
            onPath.add(child);
          }
        }
      }
      return List.copyOf(found);
    }

    private List<String> rotate(List<String> cycle) {
      int first = 0;
      for (int i = 1; i < cycle.size(); i++) {
        if (order.get(cycle.get(i)) < order.get(cycle.get(first))) {
          first = i;
        }
      }
      List<String> rotated = new ArrayList<>(cycle.subList(first, cycle.size()));
      rotated.addAll(cycle.subList(0, first));
      return List.copyOf(rotated);
    }
  }
}
