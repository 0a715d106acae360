package io.phaseflow.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.handlers.protocol.Messages;

/**
 * A workflow to start, as a durable message: the caller gets the id once the broker has it, and an
 * engine stores and enters the workflow. A crash on either side leads to a redelivery, never to a
 * workflow stored but not running.
 */
record WorkflowStart(String id, String definition, int version, JsonNode data, long createdAt) {
  /**
   * Decodes and checks a body from the workflow-start queue: a start is only taken with everything
   * a workflow needs (a forged one without {@code createdAt} or {@code data} would run forever).
   *
   * @throws Messages.MalformedMessageException naming what is wrong
   */
  static WorkflowStart decode(byte[] body) {
    return Messages.decode(body, WorkflowStart.class, EngineMessageRules::start);
  }
}
