package io.phaseflow.engine.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A workflow to start, as a durable message: the caller gets the id once the broker has it, and an
 * engine stores and enters the workflow. A crash on either side leads to a redelivery, never to a
 * workflow stored but not running.
 */
record WorkflowStart(String id, String definition, int version, JsonNode data, long createdAt) {}
