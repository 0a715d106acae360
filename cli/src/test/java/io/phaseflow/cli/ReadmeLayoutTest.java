package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.testing.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's "Layout" table lists every package of every module where it is, and nothing else:
 * rows such as {@code | `engine/` `...engine.plan` | ...}, where {@code ...} stands for {@code
 * io.phaseflow.}.
 */
class ReadmeLayoutTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([\\w-]+)/` `([\\w.]+)` \\|");

  @Test
  void theLayoutTableListsEveryPackageInItsModule() throws IOException {
    assertThat(readmeRows()).isEqualTo(sourcePackages());
  }

  /** {@code module/ package} for every row of the table. */
  private static Set<String> readmeRows() throws IOException {
    Set<String> rows = new TreeSet<>();
    for (String line : Files.readAllLines(RepoFiles.root().resolve("README.md"))) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        rows.add(row.group(1) + "/ " + row.group(2).replaceFirst("^\\.\\.\\.", "io.phaseflow."));
      }
    }
    return rows;
  }

  /** {@code module/ package} for every folder of main sources that holds a Java file. */
  private static Set<String> sourcePackages() throws IOException {
    Set<String> packages = new TreeSet<>();
    try (Stream<Path> modules = Files.list(RepoFiles.root())) {
      for (Path module : modules.filter(m -> Files.exists(m.resolve("pom.xml"))).toList()) {
        Path sources = module.resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(sources)) {
          List<Path> folders =
              files.filter(f -> f.toString().endsWith(".java")).map(Path::getParent).toList();
          for (Path folder : folders) {
            String name = sources.relativize(folder).toString().replace('/', '.');
            packages.add(module.getFileName() + "/ " + name);
          }
        }
      }
    }
    return packages;
  }
}
