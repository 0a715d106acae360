package io.phaseflow.engine.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The workflow form of redis.workflow, as its client objects serialize to JSON: {@code {"Name": W,
 * "Tasks": [{"Name", "Payload", "Parents", "Children", "Workflow"}]}}. It is read as the task DAG
 * it is, with the same keys in Phaseflow's spelling. redis.workflow hands every task to the
 * application's one task handler, so a task runs on the handler {@code TaskHandler} unless it names
 * one ({@code "Handler"}). Pure.
 */
final class RedisWorkflowForm {
  /** The handler that runs a task that names none, as redis.workflow's one ITaskHandler does. */
  static final String TASK_HANDLER = "TaskHandler";

  private static final Map<String, String> TASK_KEYS =
      Map.of(
          "Name", "name",
          "Payload", "payload",
          "Parents", "parents",
          "Children", "children",
          "Handler", "handler");

  private RedisWorkflowForm() {}

  /** Whether {@code root} is written in this form: it has {@code Name} and {@code Tasks}. */
  static boolean matches(JsonNode root) {
    return root.isObject() && root.has("Name") && root.has("Tasks") && !root.has("workflow");
  }

  /**
   * The same definition in Phaseflow's spelling (the tree is this load's own copy). A task's {@code
   * Workflow} must name the workflow it is in; other keys are kept, so the reader reports them as
   * unknown with its hints.
   */
  static ObjectNode translate(ObjectNode root, ErrorCollector errors) {
    ObjectNode out = root.objectNode();
    out.set("workflow", root.get("Name"));
    JsonNode tasks = root.get("Tasks");
    root.fields()
        .forEachRemaining(
            f -> {
              if (!f.getKey().equals("Name") && !f.getKey().equals("Tasks")) {
                out.set(f.getKey(), f.getValue());
              }
            });
    if (!tasks.isArray()) {
      out.set("tasks", tasks);
      return out;
    }
    ArrayNode translated = out.putArray("tasks");
    for (int i = 0; i < tasks.size(); i++) {
      JsonNode task = tasks.get(i);
      if (!task.isObject()) {
        translated.add(task);
        continue;
      }
      ObjectNode t = translated.addObject();
      t.put("handler", TASK_HANDLER);
      JsonNode workflow = task.get("Workflow");
      if (workflow != null && !workflow.equals(root.get("Name"))) {
        errors.add(
            JsonPaths.ROOT + ".Tasks[" + i + "].Workflow",
            "task " + i + " belongs to workflow " + workflow + ", not to " + root.get("Name"),
            "a file holds one workflow: give every task the workflow's Name, or move the task");
      }
      task.fields()
          .forEachRemaining(
              f -> {
                if (!f.getKey().equals("Workflow")) {
                  t.set(TASK_KEYS.getOrDefault(f.getKey(), f.getKey()), f.getValue());
                }
              });
    }
    return out;
  }
}
