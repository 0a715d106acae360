package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.samples.SampleHandlers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handlers a process finds: those its classpath declares (the samples, in phaseflow.jar) and
 * those of {@code --jar} jars, each once.
 */
class HandlerLoaderTest {
  @TempDir Path dir;

  @Test
  void withoutJarsItFindsTheSamplesOnTheClasspath() {
    assertThat(names(HandlerLoader.load(List.of())))
        .containsExactlyElementsOf(names(SampleHandlers.registry()));
  }

  @Test
  void aJarAddsTheHandlersItDeclaresToTheSamples() throws IOException {
    Path jar = handlerJar("Thumbnailer", true);

    List<String> names = names(HandlerLoader.load(List.of(jar)));

    assertThat(names).contains("Thumbnailer").hasSize(SampleHandlers.all().size() + 1);
  }

  @Test
  void aJarThatDeclaresNoHandlerIsAnError() throws IOException {
    Path jar = handlerJar("Thumbnailer", false);

    assertThatThrownBy(() -> HandlerLoader.load(List.of(jar)))
        .isInstanceOf(PhaseflowException.class)
        .hasMessageContaining("no handler found in [" + jar + "]")
        .hasMessageContaining("META-INF/services/io.phaseflow.handlers.Handler");
    assertThatThrownBy(() -> HandlerLoader.load(List.of(dir.resolve("missing.jar"))))
        .hasMessageContaining("--jar " + dir.resolve("missing.jar") + ": no such file");
  }

  private static List<String> names(HandlerRegistry registry) {
    return registry.all().stream().map(Handler::name).toList();
  }

  /** A jar with one compiled handler class, declared in its services file when {@code listed}. */
  private Path handlerJar(String name, boolean listed) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src/demo"));
    Files.writeString(
        src.resolve(name + ".java"),
        "package demo;\n"
            + "public final class "
            + name
            + " implements io.phaseflow.handlers.Handler {\n"
            + "  public String name() { return \""
            + name
            + "\"; }\n"
            + "  public io.phaseflow.handlers.JobResult process(io.phaseflow.handlers.Job job) {\n"
            + "    return io.phaseflow.handlers.JobResult.success(null);\n"
            + "  }\n"
            + "}\n");
    Path classes = Files.createDirectories(dir.resolve("classes"));
    ByteArrayOutputStream javac = new ByteArrayOutputStream();
    int compiled =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                javac,
                javac,
                "-d",
                classes.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                src.resolve(name + ".java").toString());
    assertThat(compiled).as(javac.toString(StandardCharsets.UTF_8)).isZero();
    Path jar = dir.resolve(name + ".jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      add(
          out,
          "demo/" + name + ".class",
          Files.readAllBytes(classes.resolve("demo/" + name + ".class")));
      if (listed) {
        add(
            out,
            "META-INF/services/io.phaseflow.handlers.Handler",
            ("demo." + name + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return jar;
  }

  private static void add(JarOutputStream jar, String path, byte[] bytes) throws IOException {
    jar.putNextEntry(new JarEntry(path));
    jar.write(bytes);
    jar.closeEntry();
  }
}
