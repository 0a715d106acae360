package io.phaseflow.engine.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of the repository (samples in definitions/) from a test's working directory. */
public final class RepoFiles {
  private RepoFiles() {}

  /**
   * The repository root: PHASEFLOW_TEST_ROOT when set, else the nearest folder with definitions/.
   */
  public static Path root() {
    String env = System.getenv("PHASEFLOW_TEST_ROOT");
    if (env != null && Files.isDirectory(Path.of(env, "definitions"))) {
      return Path.of(env);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("definitions"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "no definitions/ folder above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  public static Path definition(String name) {
    return root().resolve("definitions").resolve(name);
  }
}
