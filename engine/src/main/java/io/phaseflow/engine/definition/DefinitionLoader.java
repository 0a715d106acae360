package io.phaseflow.engine.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and validates definitions in either form. Pure: no I/O beyond reading the given file.
 * Thread-safe.
 *
 * <p>Validation runs in one pass and collects every problem it can find: JSON syntax (which stops
 * everything else), then structure (keys, types, names), then the graph rules of the form used and
 * the {@code for_each} pointers. Later checks look only at what could be read, so a broken key is
 * reported once, not again as a consequence.
 */
public final class DefinitionLoader {

  /**
   * Loads one definition file.
   *
   * @throws DefinitionException with every error found, each with file and JSON path
   */
  public Definition load(Path file) {
    String source = file.toString();
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw single(source, "definition file not found", "check the path and the working directory");
    } catch (CharacterCodingException e) {
      throw single(source, "definition file is not valid UTF-8", "save it as UTF-8");
    } catch (IOException e) {
      throw single(source, "cannot read definition file: " + e, "check that it is a readable file");
    }
    return parse(json, source);
  }

  /**
   * Parses a definition from JSON text.
   *
   * @param source a label for error messages, usually the file name
   * @throws DefinitionException with every error found
   */
  public Definition parse(String json, String source) {
    ErrorCollector errors = new ErrorCollector(source);
    JsonNode root = new JsonTreeReader(errors).read(json);
    ParsedDefinition parsed = root == null ? null : new DefinitionReader(errors).read(root);
    if (parsed != null) {
      String phasesPath = JsonPaths.child(JsonPaths.ROOT, "phases");
      new PhaseGraphChecker(errors).check(parsed.phases(), phasesPath, parsed.complete());
      new TaskDagChecker(errors).check(parsed.tasks(), parsed.complete());
      ForEachChecker forEach = new ForEachChecker(errors);
      forEach.checkPhases(parsed.phases(), parsed.complete());
      forEach.checkTasks(parsed.tasks());
    }
    if (!errors.isEmpty()) {
      throw new DefinitionException(errors.errors());
    }
    return parsed.toDefinition(source);
  }

  private static DefinitionException single(String source, String message, String hint) {
    return new DefinitionException(
        List.of(new DefinitionError(source, JsonPaths.ROOT, message, hint)));
  }
}
