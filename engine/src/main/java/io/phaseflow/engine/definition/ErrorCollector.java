package io.phaseflow.engine.definition;

import java.util.ArrayList;
import java.util.List;

/** Gathers every error of one load so the user sees them all at once. Not thread-safe. */
final class ErrorCollector {
  private final String source;
  private final List<DefinitionError> errors = new ArrayList<>();

  ErrorCollector(String source) {
    this.source = source;
  }

  void add(String path, String message, String hint) {
    errors.add(new DefinitionError(source, path, message, hint));
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  List<DefinitionError> errors() {
    return List.copyOf(errors);
  }
}
