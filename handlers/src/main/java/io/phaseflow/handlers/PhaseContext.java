package io.phaseflow.handlers;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a handler sees when the engine asks it for the jobs of a phase entry.
 *
 * @param workflowId the workflow being run
 * @param phase the phase being entered
 * @param data the workflow's input data
 * @param inputs the outputs of what ran before: for a phase, {@code {"Handler": [output, ...]}} of
 *     the previous phase's jobs; empty object for the first phase
 */
public record PhaseContext(String workflowId, String phase, JsonNode data, JsonNode inputs) {}
