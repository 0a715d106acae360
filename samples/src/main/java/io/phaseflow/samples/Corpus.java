package io.phaseflow.samples;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The pages {@link LocalSearcher} and {@link PageSummarizer} read: the bundled classpath corpus, or
 * the {@code .txt} files of the directory {@code data.corpus} names.
 */
final class Corpus {
  static final String RESOURCES = "/io/phaseflow/samples/corpus/";

  // Classpath directories cannot be listed portably inside a jar, so the bundle has an index.
  private static final String INDEX = "pages.list";

  private final Path directory; // null for the bundled corpus

  private Corpus(Path directory) {
    this.directory = directory;
  }

  static Corpus of(JsonNode data) {
    JsonNode dir = Json.at(data, "corpus");
    return new Corpus(dir.isTextual() && !dir.asText().isBlank() ? Path.of(dir.asText()) : null);
  }

  String describe() {
    return directory == null ? "the bundled corpus" : "corpus directory " + directory;
  }

  /** Page names, sorted. */
  List<String> pages() throws IOException {
    if (directory == null) {
      return bundled(INDEX)
          .orElseThrow()
          .lines()
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .sorted()
          .toList();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".txt"))
          .sorted()
          .toList();
    }
  }

  /** The page's text, or empty when there is no such page. */
  Optional<String> read(String page) throws IOException {
    // A page is a plain file name; anything else could read outside the corpus.
    if (!page.endsWith(".txt") || page.contains("/") || page.contains("\\")) {
      return Optional.empty();
    }
    if (directory == null) {
      return bundled(page);
    }
    Path file = directory.resolve(page);
    return Files.isRegularFile(file)
        ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
        : Optional.empty();
  }

  private static Optional<String> bundled(String name) {
    try (InputStream in = Corpus.class.getResourceAsStream(RESOURCES + name)) {
      return in == null
          ? Optional.empty()
          : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled corpus page " + name, e);
    }
  }
}
