package io.phaseflow.engine.definition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * A phase as read, with where it was written, so that checks after reading can point at it.
 *
 * @param path the phase object's JSONPath
 * @param raw the phase object, to tell "key absent" from "key present but invalid"
 * @param handlerPaths the JSONPath of each of {@code definition.handlers()}, in the same order
 * @param invalidKeys keys already reported as broken (a broken handler entry marks "handlers")
 */
record LocatedPhase(
    String path,
    ObjectNode raw,
    PhaseDefinition definition,
    List<String> handlerPaths,
    Set<String> invalidKeys) {

  String name() {
    return definition.name();
  }

  String path(String key) {
    return JsonPaths.child(path, key);
  }

  /** Whether {@code key} was given but could not be read, so checks on it would only repeat. */
  boolean invalid(String key) {
    return invalidKeys.contains(key);
  }

  String label() {
    return "phase '" + name() + "'";
  }
}
