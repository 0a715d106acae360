package io.phaseflow.engine.definition;

import java.nio.file.Path;

/**
 * Reads and validates definitions in either form. Pure: no I/O beyond reading the given file.
 * Thread-safe.
 */
public final class DefinitionLoader {

  /**
   * Loads one definition file.
   *
   * @throws DefinitionException with every error found, each with file and JSON path
   */
  public Definition load(Path file) {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * Parses a definition from JSON text.
   *
   * @param source a label for error messages, usually the file name
   * @throws DefinitionException with every error found
   */
  public Definition parse(String json, String source) {
    throw new UnsupportedOperationException("TODO");
  }
}
