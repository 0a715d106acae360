package io.phaseflow.engine.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Reads a handler entry: a bare {@code "Name"} or an object with a name and options. */
final class HandlerReader {
  static final List<String> KEYS =
      List.of(
          "name",
          "version",
          "for_each",
          "max_attempts",
          "timeout",
          "heartbeat_timeout",
          "backoff",
          "jobs_per_message",
          "inputs_from");

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
    VersionRequirement requirement = requirement(reader, label);
    String forEach = reader.string("for_each", false);
    int maxAttempts = reader.positiveInt("max_attempts", HandlerReference.DEFAULT_MAX_ATTEMPTS);
    JobPolicy policy = policies.read(reader);
    List<String> inputsFrom = new java.util.ArrayList<>();
    com.fasterxml.jackson.databind.node.ArrayNode phases =
        reader.array("inputs_from", "[\"earlier-phase\"]");
    for (int i = 0; phases != null && i < phases.size(); i++) {
      JsonNode phase = phases.get(i);
      if (!phase.isTextual() || phase.textValue().isBlank()) {
        errors.add(
            JsonPaths.index(reader.path("inputs_from"), i),
            "'inputs_from' of "
                + label
                + " must list phase names, but has "
                + ObjectReader.describe(phase),
            "write the earlier phase's name in double quotes");
      } else {
        inputsFrom.add(phase.textValue());
      }
    }
    return name == null
        ? null
        : new HandlerReference(
            name,
            requirement.lowest().major(),
            forEach,
            maxAttempts,
            policy,
            inputsFrom,
            requirement);
  }

  /** {@code "version"}: a major as a number ({@code 2}) or a requirement as text; 1 when absent. */
  private VersionRequirement requirement(ObjectReader reader, String label) {
    JsonNode value = reader.get("version");
    if (value == null || !value.isTextual()) {
      return VersionRequirement.major(reader.positiveInt("version", 1));
    }
    try {
      return VersionRequirement.parse(value.textValue());
    } catch (IllegalArgumentException e) {
      errors.add(
          reader.path("version"),
          label + ": " + e.getMessage(),
          "write e.g. \"version\": 2 or \"version\": \"~> 1.2\"");
      reader.markInvalid("version");
      return VersionRequirement.major(1);
    }
  }
}
