package io.phaseflow.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.engine.RejectedInput;
import java.util.Set;

/**
 * The body of {@code POST /api/schedules}: {@code {"name", "cron", "workflow"?, "input"?,
 * "noOverlap"?, "zone"?}}, read with errors that name the problem. Pure.
 */
record ScheduleRequest(
    String name, String cron, String workflow, JsonNode input, boolean noOverlap, String zone) {
  static final String SHAPE = "{\"name\": \"NAME\", \"cron\": \"0 3 * * *\"}";
  private static final Set<String> KEYS =
      Set.of("name", "cron", "workflow", "input", "noOverlap", "zone");

  /**
   * @throws RejectedInput saying what is wrong
   */
  static ScheduleRequest parse(byte[] body) {
    JsonNode root = StartRequest.object(body, SHAPE);
    root.fieldNames()
        .forEachRemaining(
            k -> {
              if (!KEYS.contains(k)) {
                throw new RejectedInput(
                    "the request body has an unknown key '"
                        + k
                        + "'; expected 'name', 'cron' and optionally 'workflow', 'input',"
                        + " 'noOverlap' and 'zone'");
              }
            });
    JsonNode overlap = root.get("noOverlap");
    if (overlap != null && !overlap.isNull() && !overlap.isBoolean()) {
      throw new RejectedInput(
          "'noOverlap' must be true or false, but is " + StartRequest.kind(overlap));
    }
    JsonNode input = root.get("input");
    if (input != null && !input.isNull() && !input.isObject()) {
      throw new RejectedInput("'input' must be a JSON object, but is " + StartRequest.kind(input));
    }
    return new ScheduleRequest(
        text(root, "name", true),
        text(root, "cron", true),
        text(root, "workflow", false),
        input,
        overlap != null && overlap.asBoolean(),
        text(root, "zone", false));
  }

  private static String text(JsonNode root, String key, boolean required) {
    JsonNode v = root.get(key);
    if (v == null || v.isNull()) {
      if (required) {
        throw new RejectedInput("'" + key + "' is missing; send " + SHAPE);
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new RejectedInput("'" + key + "' must be a string, but is " + StartRequest.kind(v));
    }
    return v.asText();
  }
}
