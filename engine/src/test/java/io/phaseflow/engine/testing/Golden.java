package io.phaseflow.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Output pinned byte for byte in engine/src/test/resources/golden. A missing file fails the test;
 * run once with {@code -Dgolden.write=true} to write it from the current output (then review it).
 */
public final class Golden {
  private Golden() {}

  public static void assertMatches(String name, String actual) {
    Path file = RepoFiles.root().resolve("engine/src/test/resources/golden").resolve(name);
    try {
      if (Boolean.getBoolean("golden.write")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
      }
      assertThat(file).as("golden file %s (write it with -Dgolden.write=true)", file).exists();
      assertThat(actual).as("output pinned in %s", file).isEqualTo(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
