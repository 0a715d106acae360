package io.phaseflow.engine.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the workflow-manager format, {@code workflows: [{name, steps, tasks}]}, into task DAGs: a
 * step is a task whose handler is its {@code queue} or else its name; a step with {@code task: T}
 * runs T's step once per element of the list at T's {@code itemListKey} (looked up in the step's
 * parents' outputs, then in the workflow data), as a {@code for_each} task (see {@link
 * TaskDefinition#ITEM_LIST_KEY}). Errors are located at the file's own paths.
 */
final class WorkflowsReader {
  private static final List<String> WORKFLOW_KEYS =
      List.of("name", "description", "version", "data", "steps", "tasks");
  private static final List<String> STEP_KEYS =
      List.of("name", "description", "depends", "queue", "task");
  private static final List<String> TASK_KEYS =
      List.of("name", "description", "itemListKey", "steps");
  private static final List<String> TASK_STEP_KEYS =
      List.of("name", "description", "depends", "queue");

  private final ErrorCollector errors;

  WorkflowsReader(ErrorCollector errors) {
    this.errors = errors;
  }

  /** A task of a workflow: a step list run per element. */
  private record SubTask(
      String name, String path, String itemListKey, JsonNode step, String stepPath) {}

  List<ParsedDefinition> read(JsonNode root) {
    ObjectReader top = ObjectReader.of(root, JsonPaths.ROOT, "the definition", errors);
    if (top == null) {
      return List.of();
    }
    top.rejectUnknownKeys(List.of("workflows", "$schema"));
    ArrayNode workflows = top.array("workflows", "[{\"name\": \"w\", \"steps\": [...]}]");
    if (workflows == null) {
      return List.of();
    }
    if (workflows.isEmpty()) {
      errors.add(top.path("workflows"), "'workflows' is empty", "list at least one workflow");
    }
    List<ParsedDefinition> out = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (int i = 0; i < workflows.size(); i++) {
      ParsedDefinition parsed =
          workflow(workflows.get(i), JsonPaths.index(top.path("workflows"), i));
      if (parsed == null) {
        continue;
      }
      String earlier = seen.putIfAbsent(parsed.name(), JsonPaths.index(top.path("workflows"), i));
      if (earlier != null) {
        errors.add(
            JsonPaths.child(JsonPaths.index(top.path("workflows"), i), "name"),
            "workflow name '" + parsed.name() + "' is used twice: also at " + earlier,
            "rename one of them; a file's workflows are loaded and run by name");
      }
      out.add(parsed);
    }
    return out;
  }

  private ParsedDefinition workflow(JsonNode value, String path) {
    ObjectReader w = ObjectReader.of(value, path, "the workflow at " + path, errors);
    if (w == null) {
      return null;
    }
    w.rejectUnknownKeys(WORKFLOW_KEYS);
    String name = w.name("name");
    if (name != null) {
      Names.check(name, "workflow name", w.path("name"), errors);
    }
    w.string("description", false);
    int version = w.positiveInt("version", 1);
    JsonNode data = w.object("data");
    Map<String, SubTask> subTasks = subTasks(w);
    ArrayNode steps =
        w.array("steps", "[{\"name\": \"first\"}, {\"name\": \"next\", \"depends\": [\"first\"]}]");
    if (steps == null) {
      if (!w.has("steps")) {
        w.missing("steps", "[{\"name\": \"first\"}]");
      }
      return null;
    }
    if (steps.isEmpty()) {
      errors.add(w.path("steps"), "'steps' of the workflow is empty", "a workflow needs a step");
    }
    boolean complete = true;
    List<LocatedTask> tasks = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < steps.size(); i++) {
      LocatedTask task = step(steps.get(i), JsonPaths.index(w.path("steps"), i), subTasks);
      if (task == null) {
        complete = false;
      } else if (!names.add(task.name())) {
        errors.add(
            JsonPaths.child(task.path(), "name"),
            "step name '" + task.name() + "' is used twice in workflow '" + name + "'",
            "rename one of them; step names must be unique in a workflow");
      } else {
        tasks.add(task);
      }
    }
    new TaskDagChecker(errors).check(tasks, complete);
    checkNoFanOutAfterFanOut(tasks);
    if (name == null) {
      return null;
    }
    return new ParsedDefinition(
        name,
        version,
        data == null ? JsonNodeFactory.instance.objectNode() : data,
        Definition.Kind.TASKS,
        List.of(),
        tasks,
        Definition.DEFAULT_MAX_TRANSITIONS,
        null,
        complete);
  }

  private Map<String, SubTask> subTasks(ObjectReader w) {
    Map<String, SubTask> out = new LinkedHashMap<>();
    ArrayNode tasks =
        w.array("tasks", "[{\"name\": \"t\", \"itemListKey\": \"items\", \"steps\": [...]}]");
    for (int i = 0; tasks != null && i < tasks.size(); i++) {
      String path = JsonPaths.index(w.path("tasks"), i);
      ObjectReader t = ObjectReader.of(tasks.get(i), path, "the task at " + path, errors);
      if (t == null) {
        continue;
      }
      t.rejectUnknownKeys(TASK_KEYS);
      String name = t.name("name");
      t.string("description", false);
      String key = t.name("itemListKey");
      ArrayNode steps = t.array("steps", "[{\"name\": \"each-item\"}]");
      if (steps == null && !t.has("steps")) {
        t.missing("steps", "[{\"name\": \"each-item\"}]");
      }
      if (name == null || key == null || steps == null) {
        continue;
      }
      if (steps.size() != 1) {
        errors.add(
            t.path("steps"),
            "task '"
                + name
                + "' has "
                + steps.size()
                + " steps; a task run per element has exactly one step here",
            "give it one step (chain several in the workflow's own steps instead)");
        continue;
      }
      String stepPath = JsonPaths.index(t.path("steps"), 0);
      ObjectReader step =
          ObjectReader.of(steps.get(0), stepPath, "the step of task '" + name + "'", errors);
      if (step == null) {
        continue;
      }
      step.rejectUnknownKeys(TASK_STEP_KEYS);
      ArrayNode depends = step.array("depends", "[]");
      if (depends != null && !depends.isEmpty()) {
        errors.add(
            step.path("depends"),
            "the one step of task '"
                + name
                + "' has depends, but there is nothing for it to wait for",
            "remove its depends");
      }
      out.put(name, new SubTask(name, path, key, steps.get(0), stepPath));
    }
    return out;
  }

  private LocatedTask step(JsonNode value, String path, Map<String, SubTask> subTasks) {
    JsonNode rawName = value.get("name");
    String label =
        rawName != null && rawName.isTextual()
            ? "step '" + rawName.textValue() + "'"
            : "the step at " + path;
    ObjectReader s = ObjectReader.of(value, path, label, errors);
    if (s == null) {
      return null;
    }
    s.rejectUnknownKeys(STEP_KEYS);
    String name = s.name("name");
    if (name != null && !Names.check(name, "step name", s.path("name"), errors)) {
      name = null;
    }
    s.string("description", false);
    String handler = queue(s, name);
    String forEach = null;
    String handlerPath = s.path("queue");
    String taskName = s.string("task", false);
    if (taskName != null) {
      SubTask task = subTasks.get(taskName);
      if (task == null) {
        errors.add(
            s.path("task"),
            label + " runs task '" + taskName + "', but the workflow has no such task",
            Suggestions.hint(taskName, subTasks.keySet(), "its tasks are"));
        s.markInvalid("task");
      } else {
        ObjectReader inner =
            ObjectReader.of(
                task.step(), task.stepPath(), "the step of task '" + taskName + "'", errors);
        handler = queue(inner, inner.name("name"));
        handlerPath = task.stepPath();
        forEach = TaskDefinition.ITEM_LIST_KEY + task.itemListKey();
      }
    }
    List<LocatedTask.Edge> edges = new ArrayList<>();
    ArrayNode depends = s.array("depends", "[\"other-step\"]");
    for (int i = 0; depends != null && i < depends.size(); i++) {
      String at = JsonPaths.index(s.path("depends"), i);
      JsonNode other = depends.get(i);
      if (!other.isTextual() || other.textValue().isBlank()) {
        s.markInvalid("depends");
        errors.add(
            at,
            "'depends' of "
                + label
                + " must list step names, but has "
                + ObjectReader.describe(other),
            "write the other step's name");
      } else if (name != null) {
        edges.add(new LocatedTask.Edge(other.textValue(), name, "depends", at));
      }
    }
    if (name == null || handler == null) {
      return null;
    }
    Set<String> parents = new LinkedHashSet<>();
    edges.forEach(e -> parents.add(e.parent()));
    parents.remove(name);
    TaskDefinition definition =
        new TaskDefinition(
            name,
            HandlerReference.named(handler),
            List.copyOf(parents),
            NullNode.getInstance(),
            forEach);
    return new LocatedTask(path, definition, handlerPath, edges, s.invalidKeys());
  }

  /**
   * A step run per element expands as its last parent succeeds, which cannot be inside the step in
   * which a parent that is itself run per element succeeds (see {@code ForEachChecker}).
   */
  private void checkNoFanOutAfterFanOut(List<LocatedTask> tasks) {
    Map<String, TaskDefinition> byName = new LinkedHashMap<>();
    tasks.forEach(t -> byName.put(t.name(), t.definition()));
    for (LocatedTask t : tasks) {
      if (t.definition().forEach() == null) {
        continue;
      }
      for (String parent : t.definition().parents()) {
        TaskDefinition p = byName.get(parent);
        if (p != null && p.forEach() != null) {
          errors.add(
              JsonPaths.child(t.path(), "task"),
              "step '"
                  + t.name()
                  + "' runs a task per element right after step '"
                  + parent
                  + "', which runs one per element too",
              "put a step between them that passes the list on");
        }
      }
    }
  }

  /** The handler of a step: its queue, or else its name; null after an error. */
  private String queue(ObjectReader step, String name) {
    String queue = step.string("queue", false);
    if (queue != null) {
      return Names.check(queue, "queue name", step.path("queue"), errors) ? queue : null;
    }
    return name;
  }
}
