package io.phaseflow.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.engine.schedule.ScheduledStarts;

/** The engine's idempotent start, as its scheduler uses it. Thread-safe, as the engine is. */
record EngineStarts(Engine engine) implements ScheduledStarts {
  @Override
  public String idFor(String key) {
    return WorkflowIds.forKey(key);
  }

  @Override
  public void start(String definition, JsonNode input, String key) {
    engine.startWorkflow(definition, input, key);
  }
}
