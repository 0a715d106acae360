package io.phaseflow.engine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phaseflow.engine.PhaseflowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code --input} option: inline JSON, or {@code @path} to read it from a file. */
final class InputOption {
  private static final ObjectMapper JSON = new ObjectMapper();

  private InputOption() {}

  /** The parsed input, or null when none was given. */
  static JsonNode parse(String input) throws IOException {
    if (input == null) {
      return null;
    }
    String text = input.startsWith("@") ? Files.readString(Path.of(input.substring(1))) : input;
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new PhaseflowException(
          "--input is not valid JSON: "
              + e.getOriginalMessage()
              + " at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr(),
          false);
    }
  }
}
