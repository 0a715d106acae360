package io.phaseflow.engine.definition;

/**
 * One problem found in a definition, located precisely.
 *
 * @param source the file (or label) the definition came from
 * @param path where in the document, as a JSONPath such as {@code
 *     $.phases.searching.transitions_to}
 * @param message what is wrong
 * @param hint how to fix it, or null
 */
public record DefinitionError(String source, String path, String message, String hint) {

  @Override
  public String toString() {
    return source + ": " + path + ": " + message + (hint == null ? "" : " (hint: " + hint + ")");
  }
}
