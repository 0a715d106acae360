package io.phaseflow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phaseflow.engine.RejectedInput;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The {@code --input} option: inline JSON, or {@code @path} to read it from a file. */
final class InputOption {
  private static final ObjectMapper JSON = new ObjectMapper();

  private InputOption() {}

  /** The parsed input, or null when none was given. */
  static JsonNode parse(String input) {
    if (input == null) {
      return null;
    }
    String text = input.startsWith("@") ? read(input.substring(1)) : input;
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new RejectedInput(
          "--input is not valid JSON: "
              + e.getOriginalMessage()
              + " at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr());
    }
  }

  private static String read(String file) {
    Path path = Path.of(file);
    String problem;
    if (Files.isDirectory(path)) {
      problem = "is a directory; give a file holding one JSON object";
    } else {
      try {
        return Files.readString(path);
      } catch (NoSuchFileException e) {
        problem = "no such file";
      } catch (AccessDeniedException e) {
        problem = "permission denied";
      } catch (IOException e) {
        problem = "cannot read it (" + e.getMessage() + ")";
      }
    }
    throw new RejectedInput("--input @" + file + ": " + problem);
  }
}
