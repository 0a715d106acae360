package io.phaseflow.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.engine.core.StartedWorkflow;
import io.phaseflow.handlers.protocol.Priority;

/**
 * Starts a workflow of the latest version of a definition, once per idempotency key when one is
 * given, e.g. {@code engine::startWorkflow}. Must be thread-safe: requests call it concurrently.
 */
@FunctionalInterface
public interface WorkflowStarter {
  /** A starter for a server that only shows workflows. */
  WorkflowStarter NONE =
      (definition, input, key, priority) -> {
        throw new ApiException(
            405, "this server only shows workflows; start them with phaseflow start or the engine");
      };

  /**
   * @param key the idempotency key, or null
   * @param priority the queues of every job of the workflow ({@link Priority})
   * @return the workflow's id, and whether it existed already (a repeated key)
   * @throws io.phaseflow.engine.PhaseflowException when the definition is unknown or the input
   *     refused (not retryable), or a server failed (retryable)
   */
  StartedWorkflow start(String definition, JsonNode input, String key, Priority priority);
}
