package io.phaseflow.engine.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link DefinitionReader} read, located for the checks that follow; not yet validated.
 *
 * @param complete whether every phase or task entry could be read, so that graph-wide checks see
 *     all of them
 */
record ParsedDefinition(
    String name,
    int version,
    JsonNode data,
    Definition.Kind kind,
    List<LocatedPhase> phases,
    List<LocatedTask> tasks,
    int maxTransitions,
    Trigger trigger,
    boolean complete) {

  Definition toDefinition(String source) {
    Map<String, PhaseDefinition> byName = new LinkedHashMap<>();
    phases.forEach(p -> byName.put(p.name(), p.definition()));
    return new Definition(
        name,
        version,
        source,
        data,
        kind,
        byName,
        tasks.stream().map(LocatedTask::definition).toList(),
        maxTransitions,
        trigger);
  }
}
