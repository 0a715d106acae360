package io.phaseflow.engine.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Typed access to the keys of one JSON object, recording a located error for every missing key,
 * wrong type or unknown key instead of stopping. Accessors return null (or the default) after an
 * error so that reading can go on and find the next problem.
 */
final class ObjectReader {
  private final ObjectNode node;
  private final String path;
  private final String label;
  private final ErrorCollector errors;
  private final Set<String> invalidKeys = new HashSet<>();

  private ObjectReader(ObjectNode node, String path, String label, ErrorCollector errors) {
    this.node = node;
    this.path = path;
    this.label = label;
    this.errors = errors;
  }

  /**
   * A reader for {@code value}, or null (with an error) when it is not an object.
   *
   * @param label how messages name the object, e.g. "phase 'searching'"
   */
  static ObjectReader of(JsonNode value, String path, String label, ErrorCollector errors) {
    if (value instanceof ObjectNode object) {
      return new ObjectReader(object, path, label, errors);
    }
    errors.add(
        path,
        label + " must be a JSON object, but is " + describe(value),
        "write it as {\"key\": value, ...}");
    return null;
  }

  ObjectNode node() {
    return node;
  }

  String path() {
    return path;
  }

  String label() {
    return label;
  }

  String path(String key) {
    return JsonPaths.child(path, key);
  }

  boolean has(String key) {
    return node.has(key);
  }

  JsonNode get(String key) {
    return node.get(key);
  }

  /**
   * Reports every key not in {@code allowed}, suggesting the allowed key it was probably meant as.
   * When there is such a suggestion and the object lacks that key, the value is then read under the
   * suggested key, so that one typo gives one error rather than a cascade ("no transitions_to",
   * "unreachable", ...). The tree is this load's own copy, so changing it is safe.
   */
  void rejectUnknownKeys(List<String> allowed) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      if (allowed.contains(key)) {
        continue;
      }
      Optional<String> meant = Suggestions.closest(key, allowed);
      errors.add(
          path(key),
          label + " has an unknown key '" + key + "'",
          Suggestions.hint(key, allowed, "allowed keys are"));
      if (meant.isPresent() && !node.has(meant.get())) {
        node.set(meant.get(), node.remove(key));
      }
    }
  }

  /** The keys that were present but unusable, or required but missing. */
  Set<String> invalidKeys() {
    return Set.copyOf(invalidKeys);
  }

  /** Records that {@code key} was reported as broken, so later checks do not report it again. */
  void markInvalid(String key) {
    invalidKeys.add(key);
  }

  /** A string value; null when absent (an error if {@code required}) or not a string. */
  String string(String key, boolean required) {
    JsonNode value = node.get(key);
    if (value == null) {
      if (required) {
        missing(key, "\"" + key + "\": \"...\"");
      }
      return null;
    }
    if (!value.isTextual()) {
      wrongType(key, value, "a string", "put the value in double quotes");
      return null;
    }
    return value.textValue();
  }

  /** A required string that must not be blank, such as a name. */
  String name(String key) {
    String value = string(key, true);
    if (value != null && value.isBlank()) {
      errors.add(path(key), label + " has an empty '" + key + "'", "give it a non-empty " + key);
      return null;
    }
    return value;
  }

  boolean bool(String key, boolean fallback) {
    JsonNode value = node.get(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isBoolean()) {
      wrongType(key, value, "a boolean", "use true or false, without quotes");
      return fallback;
    }
    return value.booleanValue();
  }

  /** An integer of at least 1. Integral numbers such as 2.0 count, as they do in JSON Schema. */
  int positiveInt(String key, int fallback) {
    JsonNode value = node.get(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isNumber()
        || !value.canConvertToExactIntegral()
        || !value.canConvertToInt()
        || value.asInt() < 1) {
      wrongType(key, value, "a whole number of at least 1", "write e.g. \"" + key + "\": 2");
      return fallback;
    }
    return value.asInt();
  }

  /** A whole number from {@code min} to {@code max}; {@code fallback} when absent or wrong. */
  int intInRange(String key, int min, int max, int fallback) {
    JsonNode value = node.get(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isNumber()
        || !value.canConvertToExactIntegral()
        || !value.canConvertToInt()
        || value.asInt() < min
        || value.asInt() > max) {
      wrongType(
          key,
          value,
          String.format("a whole number from %,d to %,d", min, max),
          "write e.g. \"" + key + "\": " + fallback);
      return fallback;
    }
    return value.asInt();
  }

  /** An array value; null when absent or not an array (then with an error). */
  ArrayNode array(String key, String example) {
    JsonNode value = node.get(key);
    if (value == null) {
      return null;
    }
    if (!value.isArray()) {
      wrongType(key, value, "an array", "write e.g. \"" + key + "\": " + example);
      return null;
    }
    return (ArrayNode) value;
  }

  /** An object value; null when absent or not an object (then with an error). */
  ObjectNode object(String key) {
    JsonNode value = node.get(key);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      wrongType(key, value, "a JSON object", "write e.g. \"" + key + "\": {\"items\": [1, 2]}");
      return null;
    }
    return (ObjectNode) value;
  }

  void missing(String key, String example) {
    invalidKeys.add(key);
    errors.add(path, label + " is missing the required key '" + key + "'", "add " + example);
  }

  private void wrongType(String key, JsonNode value, String expected, String hint) {
    invalidKeys.add(key);
    errors.add(
        path(key),
        "'" + key + "' of " + label + " must be " + expected + ", but is " + describe(value),
        hint);
  }

  /** A short description of a JSON value for messages: "the string \"yes\"", "an array". */
  static String describe(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "missing";
    }
    if (value.isTextual()) {
      String text = value.textValue();
      return "the string \"" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "\"";
    }
    if (value.isNumber()) {
      return "the number " + value.asText();
    }
    if (value.isBoolean()) {
      return value.asText();
    }
    if (value.isNull()) {
      return "null";
    }
    return value.isArray() ? "an array" : "an object";
  }
}
