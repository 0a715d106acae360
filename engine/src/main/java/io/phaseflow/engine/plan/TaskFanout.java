package io.phaseflow.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.definition.ForEachPointer;
import io.phaseflow.engine.definition.TaskDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, purely, the element jobs of a task's {@code for_each} gate ({@link Fanout}): one job per
 * element the pointer selects in {@code {"data": ..., "outputs": {"task": output, ...}}}, named
 * {@code task[i]}, with the gate's handler, policy and parents, and its element as payload (merged
 * into the task's payload, see {@link #payload}). Used when an entry is planned ({@code /data}) and
 * by both stores inside the step that records a gate's last parent ({@code /outputs}). Thread-safe.
 */
public final class TaskFanout {
  /**
   * The most jobs one entry may hold, element jobs included: state and each read stay bounded. A
   * 200,000-job entry takes about 15 MB of Redis and its plan about 30 MB of an engine's heap.
   */
  public static final int MAX_JOBS_PER_ENTRY = 200_000;

  private TaskFanout() {}

  /**
   * A gate's expansion: its element jobs, or why the task fails instead.
   *
   * @param gate the gate's index
   * @param elements the element jobs, indexes from the entry's job count on
   * @param error null, or the task's failure (a pointer that selects no array, too many jobs)
   */
  public record Expansion(int gate, List<JobSpec> elements, String error) {
    public Expansion {
      elements = List.copyOf(elements);
    }

    public boolean failed() {
      return error != null;
    }
  }

  /**
   * Expands {@code gate} once its sources have succeeded.
   *
   * @param outputs the outputs of the gate's source jobs, by their names
   * @param data the workflow's data
   * @param jobs how many jobs the entry holds: the first element gets this index
   */
  public static Expansion expand(
      JobSpec gate, Map<String, JsonNode> outputs, JsonNode data, int jobs) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.set("data", data == null ? NullNode.getInstance() : data);
    ObjectNode byName = root.putObject("outputs");
    outputs.forEach((name, out) -> byName.set(name, out == null ? NullNode.getInstance() : out));
    return expand(gate, root, jobs);
  }

  static Expansion expand(JobSpec gate, JsonNode root, int jobs) {
    String pointer = gate.fanout().pointer();
    List<JsonNode> items;
    try {
      items =
          pointer.startsWith(TaskDefinition.ITEM_LIST_KEY)
              ? itemList(pointer.substring(TaskDefinition.ITEM_LIST_KEY.length()), root)
              : ForEachPointer.parse(pointer).select(root);
    } catch (IllegalArgumentException e) {
      return new Expansion(
          gate.index(), List.of(), "task '" + gate.name() + "': " + e.getMessage());
    }
    if (jobs + items.size() > MAX_JOBS_PER_ENTRY) {
      return new Expansion(
          gate.index(),
          List.of(),
          String.format(
              "task '%s': for_each '%s' selects %,d elements; with the %,d jobs the entry already"
                  + " holds that is over the limit of %,d jobs per entry; fan out over batches of"
                  + " elements instead (e.g. have the task before it group them), or split the"
                  + " workflow",
              gate.name(), pointer, items.size(), jobs, MAX_JOBS_PER_ENTRY));
    }
    List<JobSpec> elements = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      elements.add(
          new JobSpec(
              jobs + i,
              gate.name() + "[" + i + "]",
              gate.handler(),
              gate.version(),
              gate.maxAttempts(),
              payload(gate.payload(), items.get(i)),
              gate.parents(),
              gate.policy()));
    }
    return new Expansion(gate.index(), elements, null);
  }

  /**
   * The workflow-manager lookup: the list at {@code key} of the first parent output (an object)
   * that has it, else of the workflow data.
   */
  private static List<JsonNode> itemList(String key, JsonNode root) {
    JsonNode found = null;
    String where = null;
    for (var it = root.path("outputs").fields(); found == null && it.hasNext(); ) {
      var output = it.next();
      if (output.getValue().has(key)) {
        found = output.getValue().get(key);
        where = "the output of '" + output.getKey() + "'";
      }
    }
    if (found == null && root.path("data").has(key)) {
      found = root.path("data").get(key);
      where = "the workflow data";
    }
    if (found == null) {
      List<String> parents = new ArrayList<>();
      root.path("outputs").fieldNames().forEachRemaining(n -> parents.add("'" + n + "'"));
      throw new IllegalArgumentException(
          "itemListKey '"
              + key
              + "' is in none of "
              + (parents.isEmpty() ? "" : "the outputs of " + String.join(", ", parents) + " nor ")
              + "the workflow data; have "
              + (parents.isEmpty() ? "the input" : "a parent")
              + " return {\""
              + key
              + "\": [...]}");
    }
    if (!found.isArray()) {
      throw new IllegalArgumentException(
          "itemListKey '" + key + "' in " + where + " is " + describe(found) + ", not a list");
    }
    List<JsonNode> items = new ArrayList<>();
    found.forEach(items::add);
    return items;
  }

  private static String describe(JsonNode value) {
    String text = value.toString();
    return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + (text.length() > 40 ? text.substring(0, 37) + "..." : text);
  }

  /**
   * An element job's payload: the element itself when the task has no payload; else the task's
   * payload (an object) with the element's keys over it when the element is an object, or with the
   * element under {@code "element"} when it is not.
   */
  public static JsonNode payload(JsonNode task, JsonNode element) {
    if (task == null || task.isNull()) {
      return element;
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (task.isObject()) {
      out.setAll((ObjectNode) task.deepCopy());
    } else {
      out.set("payload", task);
    }
    if (element.isObject()) {
      out.setAll((ObjectNode) element.deepCopy());
    } else {
      out.set("element", element);
    }
    return out;
  }

  /** The outputs of a gate's sources by name, from the entry's jobs (by index). */
  public static Map<String, JsonNode> sourceOutputs(
      JobSpec gate,
      java.util.function.IntFunction<JobSpec> spec,
      java.util.function.IntFunction<JsonNode> output) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (int s : gate.fanout().sources()) {
      out.put(spec.apply(s).name(), output.apply(s));
    }
    return out;
  }
}
