package io.phaseflow.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobFailedException;

/** JSON helpers shared by the sample handlers. Stateless and thread-safe. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** {@code node.field}, treating a Java null (a field absent from the message) as missing. */
  static JsonNode at(JsonNode node, String field) {
    return node == null ? MissingNode.getInstance() : node.path(field);
  }

  /** A text field of the payload, else of the workflow data; null when neither has one. */
  static String payloadOrData(Job job, String field) {
    JsonNode value = at(job.payload(), field);
    if (!value.isTextual()) {
      value = at(job.data(), field);
    }
    return value.isTextual() ? value.asText() : null;
  }

  /** A non-retryable failure: bad input does not get better by trying again. */
  static JobFailedException badInput(Job job, String what) {
    return new JobFailedException(
        job.handler() + " in " + job.phase() + " of workflow " + job.workflowId() + ": " + what,
        false);
  }
}
