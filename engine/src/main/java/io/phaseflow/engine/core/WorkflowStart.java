package io.phaseflow.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.handlers.protocol.Messages;
import io.phaseflow.handlers.protocol.Priority;

/**
 * A workflow to start, as a durable message: the caller gets the id once the broker has it, and an
 * engine stores and enters the workflow. A crash on either side leads to a redelivery, never to a
 * workflow stored but not running. {@code priority} is spelled as {@link Priority#wire()}; absent
 * (null, as in starts published before priorities existed) means normal.
 */
record WorkflowStart(
    String id, String definition, int version, JsonNode data, long createdAt, String priority) {
  WorkflowStart(String id, String definition, int version, JsonNode data, long createdAt) {
    this(id, definition, version, data, createdAt, null);
  }

  /** The workflow's priority; checked by {@link EngineMessageRules#start}. */
  Priority priorityLevel() {
    return Priority.parse(priority);
  }

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
