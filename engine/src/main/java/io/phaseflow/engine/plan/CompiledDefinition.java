package io.phaseflow.engine.plan;

import io.phaseflow.engine.definition.Definition;
import io.phaseflow.engine.definition.DefinitionException;
import io.phaseflow.engine.definition.DefinitionLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A definition that passed validation and compiled: the one way from a source to a {@link Plan}. It
 * keeps the text it came from, exactly as read: that text is what {@code phaseflow load} stores, so
 * every engine compiles the same plan from it, and its SHA-256 tells a known text from a changed
 * one. The constructor is private, so holding one proves the text validated and compiled. Immutable
 * and thread-safe.
 */
public final class CompiledDefinition {
  private static final DefinitionLoader LOADER = new DefinitionLoader();
  private static final Compiler COMPILER = new Compiler();

  private final Plan plan;
  private final String text;
  private final String hash;

  private CompiledDefinition(Plan plan, String text) {
    this.plan = plan;
    this.text = text;
    this.hash = sha256(text);
  }

  /**
   * Reads {@code file} once, validates and compiles it.
   *
   * @throws DefinitionException with every error found, each naming the file and JSON path
   */
  public static CompiledDefinition of(Path file) {
    return of(LOADER.read(file), file.toString());
  }

  /**
   * Reads {@code file} once, validates it and compiles the workflow named {@code workflow}; with
   * {@code workflow} null, the file must hold one workflow.
   *
   * @throws DefinitionException with every error found, or naming the workflows the file holds
   */
  public static CompiledDefinition of(Path file, String workflow) {
    if (workflow == null) {
      return of(file);
    }
    return all(file).stream()
        .filter(d -> d.name().equals(workflow))
        .findFirst()
        .orElseThrow(
            () -> {
              // throws, naming the workflows the file holds
              LOADER.parse(LOADER.read(file), file.toString(), workflow);
              return new IllegalStateException("workflow '" + workflow + "' was not compiled");
            });
  }

  /**
   * Every workflow of {@code file}, validated and compiled. A file of one workflow keeps its text;
   * each workflow of a file of several gets a text of its own that holds only it ({@link
   * DefinitionLoader#workflowTexts}), so each is stored and compiled alone.
   *
   * @throws DefinitionException with every error found in any of them
   */
  public static java.util.List<CompiledDefinition> all(Path file) {
    String text = LOADER.read(file);
    String source = file.toString();
    java.util.List<Definition> all = LOADER.parseAll(text, source);
    if (all.size() == 1) {
      return java.util.List.of(new CompiledDefinition(COMPILER.compile(all.get(0)), text));
    }
    java.util.Map<String, String> texts = LOADER.workflowTexts(text, source);
    return all.stream()
        .map(d -> new CompiledDefinition(COMPILER.compile(d), texts.get(d.name())))
        .toList();
  }

  /**
   * Validates and compiles definition text.
   *
   * @param source where the text came from, for error messages (a file name, a Redis key)
   * @throws DefinitionException with every error found, each naming {@code source} and JSON path
   */
  public static CompiledDefinition of(String text, String source) {
    return new CompiledDefinition(COMPILER.compile(LOADER.parse(text, source)), text);
  }

  /**
   * Compiles an already validated definition built in code (tests, benchmarks, the samples); its
   * text is empty, so it cannot be stored, only run.
   */
  public static Plan compile(Definition definition) {
    return COMPILER.compile(definition);
  }

  public Definition definition() {
    return plan.definition();
  }

  public Plan plan() {
    return plan;
  }

  public String name() {
    return plan.name();
  }

  public int version() {
    return plan.version();
  }

  /** The source text, exactly as read: what is stored and compared. */
  public String text() {
    return text;
  }

  /** The SHA-256 of {@link #text()} in hex. */
  public String hash() {
    return hash;
  }

  /** The SHA-256 of {@code text} in lower-case hex. */
  public static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return name() + " v" + version() + " (sha256 " + hash.substring(0, 12) + ")";
  }
}
