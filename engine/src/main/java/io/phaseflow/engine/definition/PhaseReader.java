package io.phaseflow.engine.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code phases} in either form: an object keyed by phase name (the seed format) or an array
 * of phases that carry a {@code name}. Keeps file order.
 */
final class PhaseReader {
  private static final List<String> KEYS =
      List.of(
          "is_initial",
          "is_final",
          "transitions_to",
          "on_error_transition_to",
          "handlers",
          "description");
  private static final List<String> NAMED_KEYS = concat("name", KEYS);

  private final ErrorCollector errors;
  private final HandlerReader handlerReader;
  private boolean complete = true;

  PhaseReader(ErrorCollector errors) {
    this.errors = errors;
    this.handlerReader = new HandlerReader(errors);
  }

  /**
   * Whether every entry became a phase. When one could not (not an object, no name), checks over
   * the whole graph would report its absence as unknown targets or a missing initial phase.
   */
  boolean complete() {
    return complete;
  }

  List<LocatedPhase> read(JsonNode phases, String path) {
    List<LocatedPhase> result = new ArrayList<>();
    if (phases.isObject()) {
      phases
          .fields()
          .forEachRemaining(field -> readKeyed(field.getKey(), field.getValue(), path, result));
    } else if (phases.isArray()) {
      readArray((ArrayNode) phases, path, result);
    } else {
      errors.add(
          path,
          "'phases' must be an object {\"phase-name\": {...}} or an array of phases with 'name',"
              + " but is "
              + ObjectReader.describe(phases),
          "write e.g. \"phases\": {\"start\": {\"is_initial\": true, \"is_final\": true}}");
      return result;
    }
    if (phases.isEmpty()) {
      errors.add(path, "'phases' is empty", "a workflow needs at least one phase");
    }
    return result;
  }

  private void readKeyed(String name, JsonNode value, String parentPath, List<LocatedPhase> out) {
    String path = JsonPaths.child(parentPath, name);
    String label = "phase '" + name + "'";
    ObjectReader reader = ObjectReader.of(value, path, label, errors);
    if (reader == null) {
      complete = false;
      return;
    }
    if (name.isBlank()) {
      errors.add(path, "a phase has an empty name", "give the phase a non-empty name");
    } else {
      Names.check(name, "phase name", path, errors);
    }
    if (reader.has("name")) {
      errors.add(
          reader.path("name"),
          label + " has a 'name' key, but in this form its name is its key in 'phases'",
          "remove 'name', or write 'phases' as an array of phases that each carry a 'name'");
    }
    reader.rejectUnknownKeys(NAMED_KEYS);
    out.add(readBody(name, reader));
  }

  private void readArray(ArrayNode phases, String parentPath, List<LocatedPhase> out) {
    Map<String, String> firstPathByName = new HashMap<>();
    for (int i = 0; i < phases.size(); i++) {
      String path = JsonPaths.index(parentPath, i);
      JsonNode rawName = phases.get(i).get("name");
      String label =
          rawName != null && rawName.isTextual()
              ? "phase '" + rawName.textValue() + "'"
              : "the phase at " + path;
      ObjectReader reader = ObjectReader.of(phases.get(i), path, label, errors);
      if (reader == null) {
        complete = false;
        continue;
      }
      reader.rejectUnknownKeys(NAMED_KEYS);
      String name = reader.name("name");
      if (name != null) {
        Names.check(name, "phase name", reader.path("name"), errors);
      }
      LocatedPhase phase = readBody(name, reader);
      if (name == null) {
        complete = false;
        continue;
      }
      String earlier = firstPathByName.putIfAbsent(name, path);
      if (earlier != null) {
        errors.add(
            reader.path("name"),
            "phase name '" + name + "' is used twice: at " + earlier + " and at " + path,
            "rename one of them; phase names must be unique");
      } else {
        out.add(phase);
      }
    }
  }

  private LocatedPhase readBody(String name, ObjectReader reader) {
    boolean initial = reader.bool("is_initial", false);
    boolean isFinal = reader.bool("is_final", false);
    String transitionsTo = reader.string("transitions_to", false);
    String onError = reader.string("on_error_transition_to", false);
    reader.string("description", false);
    List<HandlerReference> handlers = new ArrayList<>();
    List<String> handlerPaths = new ArrayList<>();
    readHandlers(reader, handlers, handlerPaths);
    PhaseDefinition definition =
        new PhaseDefinition(name, initial, isFinal, transitionsTo, onError, handlers);
    return new LocatedPhase(
        reader.path(), reader.node(), definition, handlerPaths, reader.invalidKeys());
  }

  private void readHandlers(ObjectReader phase, List<HandlerReference> out, List<String> paths) {
    ArrayNode entries = phase.array("handlers", "[\"MyHandler\"]");
    if (entries == null) {
      return;
    }
    Map<String, String> firstPathByKey = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      String path = JsonPaths.index(phase.path("handlers"), i);
      HandlerReference handler = handlerReader.read(entries.get(i), path, phase.label());
      if (handler == null) {
        phase.markInvalid("handlers");
        continue;
      }
      String earlier = firstPathByKey.putIfAbsent(handler.name() + "@" + handler.version(), path);
      if (earlier != null) {
        errors.add(
            path,
            phase.label()
                + " lists handler '"
                + handler.name()
                + "' version "
                + handler.version()
                + " twice: at "
                + earlier
                + " and at "
                + path,
            "remove one of them; each handler version runs once per phase entry"
                + " (use for_each to run it once per item)");
      } else {
        out.add(handler);
        paths.add(path);
      }
    }
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return List.copyOf(all);
  }
}
