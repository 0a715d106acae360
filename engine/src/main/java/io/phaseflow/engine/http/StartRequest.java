package io.phaseflow.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.handlers.protocol.Priority;
import java.util.Set;

/**
 * The body of {@code POST /api/workflows}: {@code {"definition": NAME, "input": {...}, "key": K,
 * "priority": "high"}}, read with errors that name the problem and where it is. Pure.
 *
 * @param definition the definition to start (its latest version)
 * @param input merged over the definition's data; an empty object when not given
 * @param key the idempotency key (checked by the engine), or null when not given
 * @param priority {@code high}, {@code normal} (when not given) or {@code low}
 */
record StartRequest(String definition, JsonNode input, String key, Priority priority) {
  private static final Set<String> KEYS = Set.of("definition", "input", "key", "priority");

  /**
   * @throws RejectedInput saying what is wrong
   */
  static StartRequest parse(byte[] body) {
    JsonNode root = object(body, "{\"definition\": \"NAME\", \"input\": {...}}");
    root.fieldNames()
        .forEachRemaining(
            k -> {
              if (!KEYS.contains(k)) {
                throw bad(
                    "the request body has an unknown key '"
                        + k
                        + "'; expected 'definition' and optionally 'input', 'key' and 'priority'");
              }
            });
    JsonNode name = root.get("definition");
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      throw bad(
          "'definition' must be the name of a loaded definition, but is "
              + (name == null ? "missing" : kind(name)));
    }
    JsonNode input = root.get("input");
    if (input == null || input.isNull()) {
      input = JsonNodeFactory.instance.objectNode();
    } else if (!input.isObject()) {
      throw bad("'input' must be a JSON object, but is " + kind(input));
    }
    JsonNode key = root.get("key");
    if (key != null && !key.isNull() && !key.isTextual()) {
      throw bad("'key' must be a string of 1 to 200 characters, but is " + kind(key));
    }
    return new StartRequest(
        name.asText().trim(),
        input,
        key == null || key.isNull() ? null : key.asText(),
        priority(root.get("priority")));
  }

  private static Priority priority(JsonNode priority) {
    if (priority == null || priority.isNull()) {
      return Priority.NORMAL;
    }
    String expected = "; expected one of " + Priority.accepted();
    if (!priority.isTextual()) {
      throw bad("'priority' must be a string, but is " + kind(priority) + expected);
    }
    try {
      return Priority.parse(priority.asText());
    } catch (IllegalArgumentException e) {
      throw bad("'priority' is " + e.getMessage().replaceFirst("^unknown priority ", "unknown: "));
    }
  }

  /**
   * The body as a JSON object, else a refusal showing {@code shape}: what the route expects.
   *
   * @throws RejectedInput saying what is wrong and where
   */
  static JsonNode object(byte[] body, String shape) {
    JsonNode root = JsonBody.read(body, shape);
    if (root == null || !root.isObject()) {
      throw bad("the request body must be a JSON object " + shape + ", but is " + kind(root));
    }
    return root;
  }

  static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    String type = node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    return (node.isArray() || node.isObject() ? "an " : "a ") + type + " " + abbreviate(node);
  }

  private static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }

  private static RejectedInput bad(String message) {
    return new RejectedInput(message);
  }
}
