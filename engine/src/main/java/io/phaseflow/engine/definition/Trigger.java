package io.phaseflow.engine.definition;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A definition's {@code trigger}: how an arbitrary JSON body posted by another system (a webhook's
 * push event, say) becomes a workflow's input, each input key taken by a JSON pointer into the
 * body, and optionally its idempotency key, so a redelivered webhook starts nothing twice. Pure;
 * immutable.
 *
 * @param input input key to the pointer it is taken from ({@code ""} is the whole body)
 * @param key the pointer to the idempotency key, or null for a fresh workflow per post
 */
public record Trigger(Map<String, String> input, String key) {

  public Trigger {
    input = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(input));
  }

  /** What a body maps to: the input (merged over the definition's data) and the key or null. */
  public record Mapped(ObjectNode input, String key) {}

  /**
   * Maps {@code body}.
   *
   * @throws IllegalArgumentException naming every pointer the body lacks, and the key's when it is
   *     not a string or number
   */
  public Mapped map(JsonNode body) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    List<String> missing = new ArrayList<>();
    input.forEach(
        (name, pointer) -> {
          JsonNode value = body.at(JsonPointer.compile(pointer));
          if (value.isMissingNode()) {
            missing.add("'" + name + "' from " + pointer);
          } else {
            out.set(name, value);
          }
        });
    String idempotency = null;
    if (key != null) {
      JsonNode k = body.at(JsonPointer.compile(key));
      if (k.isMissingNode()) {
        missing.add("the key from " + key);
      } else if (!k.isTextual() && !k.isNumber()) {
        throw new IllegalArgumentException(
            "the trigger takes its key from "
                + key
                + ", which must be a string or a number, but the body has "
                + ObjectReader.describe(k)
                + " there");
      } else {
        idempotency = k.asText();
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "the body lacks what the trigger maps: "
              + String.join(", ", missing)
              + " (the trigger reads the body by JSON pointers; post the event it was written"
              + " for, or fix the pointers in the definition)");
    }
    return new Mapped(out, idempotency);
  }

  /** Reads {@code "trigger": {"input": {...}, "key": "/..."}}; null when absent or wrong. */
  static Trigger read(ObjectReader top, ErrorCollector errors) {
    ObjectNode node = top.object("trigger");
    if (node == null) {
      return null;
    }
    ObjectReader t = ObjectReader.of(node, top.path("trigger"), "the trigger", errors);
    t.rejectUnknownKeys(List.of("input", "key", "description"));
    t.string("description", false);
    ObjectNode in = t.object("input");
    if (in == null) {
      t.missing("input", "\"input\": {\"repo\": \"/repository/full_name\"}");
      return null;
    }
    Map<String, String> input = new LinkedHashMap<>();
    boolean ok = true;
    for (var field : (Iterable<Map.Entry<String, JsonNode>>) in::fields) {
      String path = JsonPaths.child(t.path("input"), field.getKey());
      ok &= pointer(field.getValue(), path, "input '" + field.getKey() + "'", errors);
      input.put(field.getKey(), field.getValue().asText());
    }
    String key = t.string("key", false);
    if (t.has("key") && key != null) {
      ok &= pointer(t.get("key"), t.path("key"), "the trigger's key", errors);
    }
    return ok ? new Trigger(input, key) : null;
  }

  private static boolean pointer(JsonNode value, String path, String what, ErrorCollector errors) {
    String hint = "write a JSON pointer into the posted body, e.g. \"/repository/full_name\"";
    if (!value.isTextual()) {
      errors.add(
          path,
          what + " must be a JSON pointer string, but is " + ObjectReader.describe(value),
          hint);
      return false;
    }
    try {
      JsonPointer.compile(value.asText());
      return true;
    } catch (IllegalArgumentException e) {
      errors.add(
          path,
          what + " is not a JSON pointer: '" + value.asText() + "' must start with '/'",
          hint);
      return false;
    }
  }
}
