package io.phaseflow.engine.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phaseflow.engine.RejectedInput;
import java.io.IOException;

/**
 * The optional body of {@code POST /api/workflows/{id}/pause|resume|cancel|redrive}: {@code
 * {"reason": TEXT}}. Pure.
 */
final class ControlRequest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_REASON = 1000;

  private ControlRequest() {}

  /**
   * The reason given, or null when the body is empty or has none.
   *
   * @throws RejectedInput saying what is wrong
   */
  static String reason(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new RejectedInput("the request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new RejectedInput("the request body cannot be read: " + e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      return null;
    }
    if (!root.isObject()) {
      throw new RejectedInput(
          "the request body must be a JSON object {\"reason\": \"TEXT\"} or empty, but is "
              + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    var names = root.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!name.equals("reason")) {
        throw new RejectedInput(
            "unknown key '" + name + "' in the request body; the only key is \"reason\"");
      }
    }
    JsonNode reason = root.get("reason");
    if (reason == null || reason.isNull()) {
      return null;
    }
    if (!reason.isTextual()) {
      throw new RejectedInput("\"reason\" must be text, but is " + reason.getNodeType());
    }
    if (reason.asText().length() > MAX_REASON) {
      throw new RejectedInput(
          "\"reason\" is " + reason.asText().length() + " characters; keep it under " + MAX_REASON);
    }
    return reason.asText().isBlank() ? null : reason.asText().strip();
  }
}
