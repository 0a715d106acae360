package io.phaseflow.engine.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Starts a workflow of the latest version of a definition, e.g. {@code engine::startWorkflow}. Must
 * be thread-safe: requests call it concurrently.
 */
@FunctionalInterface
public interface WorkflowStarter {
  /** A starter for a server that only shows workflows. */
  WorkflowStarter NONE =
      (definition, input) -> {
        throw new ApiException(
            405, "this server only shows workflows; start them with phaseflow start or the engine");
      };

  /**
   * @return the new workflow's id
   * @throws io.phaseflow.engine.PhaseflowException when the definition is unknown or the input
   *     refused (not retryable), or a server failed (retryable)
   */
  String start(String definition, JsonNode input);
}
