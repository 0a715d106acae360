package io.phaseflow.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.definition.Definition;
import io.phaseflow.engine.definition.HandlerReference;
import io.phaseflow.engine.definition.PhaseDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wide-join workload: phase {@value #FAN}, whose handler {@value #HANDLER} enumerates {@code
 * data.jobs} no-op jobs through its {@code jobs()}, then the final phase {@value #DONE} with no
 * jobs, so a workflow ends exactly when the fan entry's join closes.
 */
final class JoinWorkload {
  static final String NAME = "bench-join";
  static final String HANDLER = "NoopFanout";
  static final String FAN = "fan";
  static final String DONE = "done";

  private JoinWorkload() {}

  static Definition definition() {
    Map<String, PhaseDefinition> phases = new LinkedHashMap<>();
    phases.put(
        FAN,
        new PhaseDefinition(
            FAN, true, false, DONE, null, List.of(HandlerReference.named(HANDLER))));
    phases.put(DONE, new PhaseDefinition(DONE, false, true, null, null, List.of()));
    return new Definition(
        NAME,
        1,
        "bench",
        JsonNodeFactory.instance.objectNode(),
        Definition.Kind.PHASES,
        phases,
        List.of());
  }

  /** A workflow's input: {@code {"jobs": N}}. */
  static ObjectNode input(int jobs) {
    return JsonNodeFactory.instance.objectNode().put("jobs", jobs);
  }
}
