package io.phaseflow.engine.schedule;

import com.fasterxml.jackson.databind.JsonNode;

/** How a scheduler starts workflows: the engine's idempotent start, seen from this package. */
public interface ScheduledStarts {
  /** The id of the workflow a start with idempotency key {@code key} makes. */
  String idFor(String key);

  /** Starts {@code definition} with {@code input} once per {@code key}. */
  void start(String definition, JsonNode input, String key);
}
