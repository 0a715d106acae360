package io.phaseflow.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import io.phaseflow.engine.definition.Definition;
import io.phaseflow.engine.definition.HandlerReference;
import io.phaseflow.engine.definition.PhaseDefinition;
import io.phaseflow.engine.definition.TaskDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test-data builder for definitions, so tests read as the graph they run. */
public final class DefinitionBuilder {
  private final String name;
  private final Map<String, PhaseDefinition> phases = new LinkedHashMap<>();
  private final List<TaskDefinition> tasks = new ArrayList<>();
  private JsonNode data = JsonNodeFactory.instance.objectNode();
  private int maxTransitions = Definition.DEFAULT_MAX_TRANSITIONS;

  private DefinitionBuilder(String name) {
    this.name = name;
  }

  public static DefinitionBuilder workflow(String name) {
    return new DefinitionBuilder(name);
  }

  public DefinitionBuilder data(JsonNode data) {
    this.data = data;
    return this;
  }

  public DefinitionBuilder maxTransitions(int limit) {
    this.maxTransitions = limit;
    return this;
  }

  public DefinitionBuilder initial(String phase, String to, String onError, String... handlers) {
    return phase(new PhaseDefinition(phase, true, false, to, onError, refs(handlers)));
  }

  public DefinitionBuilder initialWith(
      String phase, String to, String onError, HandlerReference... refs) {
    return phase(new PhaseDefinition(phase, true, false, to, onError, Arrays.asList(refs)));
  }

  public DefinitionBuilder phase(String phase, String to, String onError, String... handlers) {
    return phase(new PhaseDefinition(phase, false, false, to, onError, refs(handlers)));
  }

  public DefinitionBuilder phase(
      String phase, String to, String onError, HandlerReference... refs) {
    return phase(new PhaseDefinition(phase, false, false, to, onError, Arrays.asList(refs)));
  }

  public DefinitionBuilder end(String phase, String... handlers) {
    return phase(new PhaseDefinition(phase, false, true, null, null, refs(handlers)));
  }

  public DefinitionBuilder phase(PhaseDefinition phase) {
    phases.put(phase.name(), phase);
    return this;
  }

  public DefinitionBuilder task(String task, String handler, String... parents) {
    tasks.add(
        new TaskDefinition(
            task, HandlerReference.named(handler), List.of(parents), NullNode.getInstance()));
    return this;
  }

  public Definition build() {
    Definition.Kind kind = tasks.isEmpty() ? Definition.Kind.PHASES : Definition.Kind.TASKS;
    return new Definition(name, 1, "test:" + name, data, kind, phases, tasks, maxTransitions);
  }

  public static HandlerReference forEach(String handler, String pointer) {
    return new HandlerReference(handler, 1, pointer, HandlerReference.DEFAULT_MAX_ATTEMPTS);
  }

  private static List<HandlerReference> refs(String... handlers) {
    return Arrays.stream(handlers).map(HandlerReference::named).toList();
  }
}
