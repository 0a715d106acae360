package io.phaseflow.engine.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;

/** Reads the top level of a definition and delegates {@code phases} and {@code tasks}. */
final class DefinitionReader {
  private static final List<String> KEYS =
      List.of(
          "workflow",
          "version",
          "description",
          "max_transitions",
          "data",
          "phases",
          "tasks",
          "trigger",
          "$schema");

  private final ErrorCollector errors;

  DefinitionReader(ErrorCollector errors) {
    this.errors = errors;
  }

  /** The definition as read, or null when the document is not even an object. */
  ParsedDefinition read(JsonNode root) {
    if (RedisWorkflowForm.matches(root)) {
      root =
          RedisWorkflowForm.translate(
              (com.fasterxml.jackson.databind.node.ObjectNode) root, errors);
    }
    ObjectReader top = ObjectReader.of(root, JsonPaths.ROOT, "the definition", errors);
    if (top == null) {
      return null;
    }
    top.rejectUnknownKeys(KEYS);
    String name = top.name("workflow");
    if (name != null) {
      Names.check(name, "workflow name", top.path("workflow"), errors);
    }
    int version = top.positiveInt("version", 1);
    top.string("description", false);
    top.string("$schema", false);
    JsonNode data = top.object("data");
    boolean hasPhases = top.has("phases");
    boolean hasTasks = top.has("tasks");
    if (hasPhases && hasTasks) {
      errors.add(
          JsonPaths.ROOT,
          "the definition has both 'phases' and 'tasks'",
          "use 'phases' for a phase graph or 'tasks' for a task DAG; put each in its own file");
    } else if (!hasPhases && !hasTasks) {
      errors.add(
          JsonPaths.ROOT,
          "the definition has neither 'phases' nor 'tasks'",
          "add \"phases\": {...} for a phase graph, or \"tasks\": [...] for a task DAG");
    }
    PhaseReader phaseReader = new PhaseReader(errors);
    List<LocatedPhase> phases =
        hasPhases ? phaseReader.read(top.get("phases"), top.path("phases")) : List.of();
    TaskReader taskReader = new TaskReader(errors);
    List<LocatedTask> tasks =
        hasTasks ? taskReader.read(top.get("tasks"), top.path("tasks")) : List.of();
    // Absent, the limit is generous and never shorter than a straight run through every phase.
    int defaultLimit = Math.max(Definition.DEFAULT_MAX_TRANSITIONS, phases.size());
    int maxTransitions =
        top.intInRange("max_transitions", 1, Definition.MAX_MAX_TRANSITIONS, defaultLimit);
    return new ParsedDefinition(
        name,
        version,
        data == null ? JsonNodeFactory.instance.objectNode() : data,
        hasPhases ? Definition.Kind.PHASES : Definition.Kind.TASKS,
        phases,
        tasks,
        maxTransitions,
        Trigger.read(top, errors),
        phaseReader.complete() && taskReader.complete());
  }
}
