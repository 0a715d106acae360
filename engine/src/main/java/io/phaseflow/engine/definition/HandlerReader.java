package io.phaseflow.engine.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Reads a handler entry: a bare {@code "Name"} or an object with a name and options. */
final class HandlerReader {
  static final List<String> KEYS =
      List.of(
          "name", "version", "for_each", "max_attempts", "timeout", "heartbeat_timeout", "backoff");

  private final ErrorCollector errors;
  private final PolicyReader policies;

  HandlerReader(ErrorCollector errors) {
    this.errors = errors;
    this.policies = new PolicyReader(errors);
  }

  /**
   * The reference, or null after recording an error.
   *
   * @param owner how messages name the phase or task it belongs to
   */
  HandlerReference read(JsonNode entry, String path, String owner) {
    if (entry.isTextual()) {
      if (entry.textValue().isBlank()) {
        errors.add(path, "a handler of " + owner + " has an empty name", "write its name");
        return null;
      }
      // A bad name makes the entry unreadable, so checks that read handler names stay quiet.
      return Names.check(entry.textValue(), "handler name", path, errors)
          ? HandlerReference.named(entry.textValue())
          : null;
    }
    if (!entry.isObject()) {
      errors.add(
          path,
          "a handler of "
              + owner
              + " must be a name or an object with 'name', but is "
              + ObjectReader.describe(entry),
          "write \"MyHandler\" or {\"name\": \"MyHandler\", \"version\": 2}");
      return null;
    }
    JsonNode rawName = entry.get("name");
    String label =
        rawName != null && rawName.isTextual()
            ? "handler '" + rawName.textValue() + "' of " + owner
            : "a handler of " + owner;
    ObjectReader reader = ObjectReader.of(entry, path, label, errors);
    reader.rejectUnknownKeys(KEYS);
    String name = reader.name("name");
    if (name != null && !Names.check(name, "handler name", reader.path("name"), errors)) {
      name = null;
    }
    int version = reader.positiveInt("version", 1);
    String forEach = reader.string("for_each", false);
    int maxAttempts = reader.positiveInt("max_attempts", HandlerReference.DEFAULT_MAX_ATTEMPTS);
    JobPolicy policy = policies.read(reader);
    return name == null ? null : new HandlerReference(name, version, forEach, maxAttempts, policy);
  }
}
