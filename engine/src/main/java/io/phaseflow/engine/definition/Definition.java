package io.phaseflow.engine.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A validated workflow definition: either a phase graph (seed format) or a plain task DAG.
 * Immutable.
 *
 * @param name the {@code workflow} name
 * @param version the definition's {@code version}, 1 when absent
 * @param source where it was read from (a file path or a label), for error messages
 * @param data the workflow-level {@code data}: default input, merged under the input given at start
 * @param kind which of the two forms it was written in
 * @param phases for {@link Kind#PHASES}: the phases in file order, by name; empty for a task DAG
 * @param tasks for {@link Kind#TASKS}: the tasks in file order with parents resolved; empty
 *     otherwise
 * @param maxTransitions {@code max_transitions}: how many moves from one phase into the next a
 *     workflow may make before it fails, so that no loop runs without end
 * @param trigger how a posted JSON body becomes a workflow's input ({@code trigger}), or null
 */
public record Definition(
    String name,
    int version,
    String source,
    JsonNode data,
    Kind kind,
    Map<String, PhaseDefinition> phases,
    List<TaskDefinition> tasks,
    int maxTransitions,
    Trigger trigger) {

  /**
   * {@code max_transitions} when the definition does not say, unless it has more phases: then the
   * number of its phases, so that a straight run through a long chain is never cut short.
   */
  public static final int DEFAULT_MAX_TRANSITIONS = 1_000;

  /** The most {@code max_transitions} may be: a bound on what one workflow can write. */
  public static final int MAX_MAX_TRANSITIONS = 1_000_000;

  public Definition {
    phases = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phases));
    tasks = List.copyOf(tasks);
    if (maxTransitions < 1) {
      throw new IllegalArgumentException(
          "max_transitions of workflow '" + name + "' must be at least 1, not " + maxTransitions);
    }
  }

  /** A definition without a trigger. */
  public Definition(
      String name,
      int version,
      String source,
      JsonNode data,
      Kind kind,
      Map<String, PhaseDefinition> phases,
      List<TaskDefinition> tasks,
      int maxTransitions) {
    this(name, version, source, data, kind, phases, tasks, maxTransitions, null);
  }

  /** A definition with the default {@code max_transitions}. */
  public Definition(
      String name,
      int version,
      String source,
      JsonNode data,
      Kind kind,
      Map<String, PhaseDefinition> phases,
      List<TaskDefinition> tasks) {
    this(name, version, source, data, kind, phases, tasks, DEFAULT_MAX_TRANSITIONS);
  }

  /** The two forms a definition can take. */
  public enum Kind {
    /** {@code "phases"}: a phase graph with transitions. */
    PHASES,
    /** {@code "tasks"}: a DAG of tasks with parents/children/depends. */
    TASKS
  }
}
