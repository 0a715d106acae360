package io.phaseflow.engine.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
  /** The largest definition file read by default: 4 MiB, far above any hand-written graph. */
  public static final int DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

  private static final int MIB = 1024 * 1024;

  private final int maxBytes;

  public DefinitionLoader() {
    this(DEFAULT_MAX_BYTES);
  }

  /**
   * @param maxBytes the largest file {@link #load} reads; a larger one is an error
   */
  public DefinitionLoader(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * Loads one definition file. Only regular files are read, and at most {@code maxBytes} of them,
   * so that a FIFO, a device such as /dev/zero or a huge file fails at once instead of hanging.
   *
   * @throws DefinitionException with every error found, each with file and JSON path
   */
  public Definition load(Path file) {
    return parse(read(file), file.toString());
  }

  /**
   * Reads a definition file's text, once, with the checks of {@link #load}.
   *
   * @throws DefinitionException when the file cannot be read as a definition
   */
  public String read(Path file) {
    String source = file.toString();
    if (Files.isDirectory(file)) {
      throw single(
          source,
          "is a directory, not a definition file",
          "name a definition file (JSON or YAML), e.g. " + file.resolve("my-workflow.json"));
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw single(
          source,
          "is not a regular file (a FIFO, socket or device); definitions are read from files",
          "save the definition to a file and name that file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(maxBytes + 1);
    } catch (NoSuchFileException e) {
      throw single(source, "definition file not found", "check the path and the working directory");
    } catch (IOException e) {
      throw single(source, "cannot read definition file: " + e, "check that it is a readable file");
    }
    if (bytes.length > maxBytes) {
      throw single(
          source,
          String.format("definition file is larger than the limit of %,d bytes", maxBytes)
              + (maxBytes % MIB == 0 ? " (" + maxBytes / MIB + " MiB)" : ""),
          "a definition describes a graph, not data: pass large data as the workflow's input, or"
              + " split the workflow");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw single(source, "definition file is not valid UTF-8", "save it as UTF-8");
    }
  }

  /**
   * Parses a definition from JSON or YAML text that holds one workflow.
   *
   * @param source a label for error messages, usually the file name
   * @throws DefinitionException with every error found, or when the text holds several workflows
   */
  public Definition parse(String text, String source) {
    List<Definition> all = parseAll(text, source);
    if (all.size() != 1) {
      throw single(
          source,
          "holds " + all.size() + " workflows: " + names(all) + "; say which one",
          "name it with --workflow NAME, e.g. --workflow " + all.get(0).name());
    }
    return all.get(0);
  }

  /**
   * The workflow named {@code workflow} of a definition text that may hold several.
   *
   * @throws DefinitionException with every error found, or naming the workflows it holds
   */
  public Definition parse(String text, String source, String workflow) {
    List<Definition> all = parseAll(text, source);
    return all.stream()
        .filter(d -> d.name().equals(workflow))
        .findFirst()
        .orElseThrow(
            () ->
                single(
                    source,
                    "holds no workflow named '" + workflow + "'; it holds " + names(all),
                    Suggestions.hint(
                        workflow,
                        all.stream().map(Definition::name).toList(),
                        "its workflows are")));
  }

  /**
   * Every workflow of a definition text: one for the phaseflow format ({@code workflow}, {@code
   * phases} or {@code tasks}), one or more for the workflow-manager format ({@code workflows}),
   * each in JSON or YAML.
   *
   * @throws DefinitionException with every error found in any of them
   */
  public List<Definition> parseAll(String text, String source) {
    ErrorCollector errors = new ErrorCollector(source);
    JsonNode root = new JsonTreeReader(errors).readJsonOrYaml(text);
    List<ParsedDefinition> parsed = List.of();
    if (root != null && root.isObject() && root.has("workflows") && !root.has("workflow")) {
      parsed = new WorkflowsReader(errors).read(root);
    } else if (root != null) {
      ParsedDefinition one = new DefinitionReader(errors).read(root);
      if (one != null) {
        check(one, errors);
        parsed = List.of(one);
      }
    }
    if (!errors.isEmpty()) {
      throw new DefinitionException(errors.errors());
    }
    return parsed.stream().map(p -> p.toDefinition(source)).toList();
  }

  /**
   * Each workflow of a valid text that holds several, as a text of its own that holds only it (in
   * JSON, {@code {"workflows": [...]}}), by name: what is stored for it, so that an engine compiles
   * it alone.
   */
  public java.util.Map<String, String> workflowTexts(String text, String source) {
    ErrorCollector errors = new ErrorCollector(source);
    JsonNode root = new JsonTreeReader(errors).readJsonOrYaml(text);
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    if (root == null || !root.path("workflows").isArray()) {
      return out;
    }
    for (JsonNode w : root.get("workflows")) {
      com.fasterxml.jackson.databind.node.ObjectNode one =
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      one.putArray("workflows").add(w);
      out.put(w.path("name").asText(), one.toPrettyString());
    }
    return out;
  }

  private static void check(ParsedDefinition parsed, ErrorCollector errors) {
    String phasesPath = JsonPaths.child(JsonPaths.ROOT, "phases");
    new PhaseGraphChecker(errors).check(parsed.phases(), phasesPath, parsed.complete());
    new TaskDagChecker(errors).check(parsed.tasks(), parsed.complete());
    ForEachChecker forEach = new ForEachChecker(errors);
    forEach.checkPhases(parsed.phases(), parsed.complete());
    new TaskForEachChecker(errors).check(parsed.tasks(), parsed.complete());
  }

  private static String names(List<Definition> all) {
    return Suggestions.quotedList(all.stream().map(Definition::name).toList());
  }

  private static DefinitionException single(String source, String message, String hint) {
    return new DefinitionException(
        List.of(new DefinitionError(source, JsonPaths.ROOT, message, hint)));
  }
}
