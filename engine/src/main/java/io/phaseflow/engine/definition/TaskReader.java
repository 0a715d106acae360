package io.phaseflow.engine.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code tasks}, normalising {@code parents}, {@code depends} and {@code children} into one
 * list of parents per task: the task's own parents and depends in file order, then the tasks that
 * name it as a child, in file order. Names that are unknown or self-references are left out of the
 * model; {@link TaskDagChecker} reports them from the located edges.
 */
final class TaskReader {
  private static final List<String> KEYS =
      List.of(
          "name",
          "handler",
          "parents",
          "children",
          "depends",
          "payload",
          "for_each",
          "description");
  private static final List<String> EDGE_KEYS = List.of("parents", "depends", "children");

  private final ErrorCollector errors;
  private final HandlerReader handlerReader;
  private boolean complete = true;

  TaskReader(ErrorCollector errors) {
    this.errors = errors;
    this.handlerReader = new HandlerReader(errors);
  }

  /** A task before its parents are normalised. */
  private record Draft(
      String name,
      String path,
      HandlerReference handler,
      String handlerPath,
      JsonNode payload,
      String forEach,
      List<LocatedTask.Edge> edges,
      Set<String> invalidKeys) {}

  /** Whether every entry became a task; if not, a name may look unknown only because of that. */
  boolean complete() {
    return complete;
  }

  List<LocatedTask> read(JsonNode tasks, String path) {
    if (!tasks.isArray()) {
      errors.add(
          path,
          "'tasks' must be an array of tasks, but is " + ObjectReader.describe(tasks),
          "write e.g. \"tasks\": [{\"name\": \"a\"}, {\"name\": \"b\", \"parents\": [\"a\"]}]");
      return List.of();
    }
    if (tasks.isEmpty()) {
      errors.add(path, "'tasks' is empty", "a task DAG needs at least one task");
    }
    List<Draft> drafts = new ArrayList<>();
    Map<String, String> firstPathByName = new HashMap<>();
    for (int i = 0; i < tasks.size(); i++) {
      Draft draft = readTask(tasks.get(i), JsonPaths.index(path, i));
      if (draft == null) {
        complete = false;
        continue;
      }
      String earlier = firstPathByName.putIfAbsent(draft.name(), draft.path());
      if (earlier != null) {
        errors.add(
            JsonPaths.child(draft.path(), "name"),
            "task name '"
                + draft.name()
                + "' is used twice: at "
                + earlier
                + " and at "
                + draft.path(),
            "rename one of them; task names must be unique");
      } else {
        drafts.add(draft);
      }
    }
    return normalise(drafts);
  }

  private Draft readTask(JsonNode value, String path) {
    JsonNode rawName = value.get("name");
    String label =
        rawName != null && rawName.isTextual()
            ? "task '" + rawName.textValue() + "'"
            : "the task at " + path;
    ObjectReader reader = ObjectReader.of(value, path, label, errors);
    if (reader == null) {
      return null;
    }
    reader.rejectUnknownKeys(KEYS);
    String name = reader.name("name");
    if (name != null) {
      Names.check(name, "task name", reader.path("name"), errors);
    }
    String handlerPath = reader.path("handler");
    HandlerReference handler =
        reader.has("handler")
            ? handlerReader.read(reader.get("handler"), handlerPath, label)
            : null;
    if (reader.has("handler") && handler == null) {
      reader.markInvalid("handler");
    }
    List<LocatedTask.Edge> edges = new ArrayList<>();
    for (String key : EDGE_KEYS) {
      readEdges(reader, key, name, edges);
    }
    reader.string("description", false);
    JsonNode payload = reader.has("payload") ? reader.get("payload") : NullNode.getInstance();
    String forEach = reader.string("for_each", false);
    if (name == null) {
      return null;
    }
    return new Draft(
        name,
        path,
        handler == null ? HandlerReference.named(name) : handler,
        handlerPath,
        payload,
        forEach,
        edges,
        reader.invalidKeys());
  }

  private void readEdges(ObjectReader task, String key, String name, List<LocatedTask.Edge> out) {
    ArrayNode names = task.array(key, "[\"other-task\"]");
    if (names == null) {
      return;
    }
    for (int i = 0; i < names.size(); i++) {
      String path = JsonPaths.index(task.path(key), i);
      JsonNode other = names.get(i);
      if (!other.isTextual() || other.textValue().isBlank()) {
        task.markInvalid(key);
        errors.add(
            path,
            "'"
                + key
                + "' of "
                + task.label()
                + " must list task names, but has "
                + ObjectReader.describe(other),
            "write the other task's name in double quotes");
      } else if (name != null) {
        out.add(
            key.equals("children")
                ? new LocatedTask.Edge(name, other.textValue(), key, path)
                : new LocatedTask.Edge(other.textValue(), name, key, path));
      }
    }
  }

  private static List<LocatedTask> normalise(List<Draft> drafts) {
    Set<String> names = new LinkedHashSet<>();
    drafts.forEach(d -> names.add(d.name()));
    Map<String, Set<String>> parentsByChild = new HashMap<>();
    for (Draft draft : drafts) {
      parentsByChild.put(draft.name(), new LinkedHashSet<>());
    }
    // Own parents/depends first, so a task's list reads as the file wrote it.
    for (boolean children : new boolean[] {false, true}) {
      for (Draft draft : drafts) {
        for (LocatedTask.Edge edge : draft.edges()) {
          if (edge.declaredAsChild() == children
              && names.contains(edge.parent())
              && names.contains(edge.child())
              && !edge.parent().equals(edge.child())) {
            parentsByChild.get(edge.child()).add(edge.parent());
          }
        }
      }
    }
    List<LocatedTask> tasks = new ArrayList<>();
    for (Draft draft : drafts) {
      TaskDefinition definition =
          new TaskDefinition(
              draft.name(),
              draft.handler(),
              List.copyOf(parentsByChild.get(draft.name())),
              draft.payload(),
              draft.forEach());
      tasks.add(
          new LocatedTask(
              draft.path(), definition, draft.handlerPath(), draft.edges(), draft.invalidKeys()));
    }
    return tasks;
  }
}
