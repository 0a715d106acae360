package io.phaseflow.engine.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One task of a task DAG, with its edges normalised to parents (whether the file said {@code
 * parents}, {@code children} or {@code depends}).
 *
 * @param name the task name, unique in the definition
 * @param handler the handler that runs it (the task name when the file gives none)
 * @param parents names of the tasks that must succeed before this one runs, in file order
 * @param payload the task's payload, JSON null when absent
 * @param forEach a {@code for_each} pointer into {@code /data/...} or {@code /outputs/<ancestor
 *     task>/...}: the task runs once per element; null when it runs once
 */
public record TaskDefinition(
    String name, HandlerReference handler, List<String> parents, JsonNode payload, String forEach) {

  /**
   * The {@code for_each} of a workflow-manager step that runs a task per element: this prefix and
   * the {@code itemListKey}, looked up in the outputs of the task's parents, then in the workflow
   * data. Not a pointer a file can write.
   */
  public static final String ITEM_LIST_KEY = "itemListKey:";

  public TaskDefinition {
    parents = List.copyOf(parents);
  }

  /** The key of a workflow-manager step's item list, or null when its for_each is a pointer. */
  public String itemListKey() {
    return forEach != null && forEach.startsWith(ITEM_LIST_KEY)
        ? forEach.substring(ITEM_LIST_KEY.length())
        : null;
  }

  /** A task that runs once. */
  public TaskDefinition(
      String name, HandlerReference handler, List<String> parents, JsonNode payload) {
    this(name, handler, parents, payload, null);
  }
}
