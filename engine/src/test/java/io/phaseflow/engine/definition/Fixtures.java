package io.phaseflow.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The JSON fixture definitions under test resources, and where the repository is. */
final class Fixtures {
  private Fixtures() {}

  /** A fixture file, e.g. {@code fixture("valid", "search-seed")}. */
  static Path fixture(String category, String name) {
    Path file = directory(category).resolve(name + ".json");
    assertThat(file).as("fixture %s/%s", category, name).isRegularFile();
    return file;
  }

  /** Every {@code *.json} in a fixture directory: valid, invalid-structure, invalid-semantic. */
  static List<Path> all(String category) {
    return jsonFiles(directory(category));
  }

  static List<Path> jsonFiles(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The repository root: PHASEFLOW_TEST_ROOT (set by the build), else found from the cwd. */
  static Path repoRoot() {
    String configured = System.getenv("PHASEFLOW_TEST_ROOT");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path cwd = Path.of("").toAbsolutePath();
    return cwd.getFileName().toString().equals("engine") ? cwd.getParent() : cwd;
  }

  /** Loads a fixture expecting rejection, and returns the exception. */
  static DefinitionException rejected(String category, String name) {
    return catchThrowableOfType(
        DefinitionException.class, () -> new DefinitionLoader().load(fixture(category, name)));
  }

  /** Loads a fixture expecting exactly one error, and returns it. */
  static DefinitionError onlyError(String category, String name) {
    DefinitionException rejected = rejected(category, name);
    assertThat(rejected).as("%s/%s should be rejected", category, name).isNotNull();
    assertThat(rejected.errors()).as("errors of %s/%s", category, name).hasSize(1);
    DefinitionError error = rejected.errors().get(0);
    assertThat(error.source()).endsWith(name + ".json");
    assertThat(error.hint()).as("hint").isNotBlank();
    return error;
  }

  private static Path directory(String category) {
    URL url = Fixtures.class.getResource("/definitions/" + category);
    assertThat(url).as("fixture directory %s on the test class path", category).isNotNull();
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
