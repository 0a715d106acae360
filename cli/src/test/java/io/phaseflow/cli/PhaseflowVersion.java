package io.phaseflow.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Phaseflow version run as separate processes: another version's jar ({@code java -jar}) or
 * this code ({@code java -cp} this JVM's classpath). Long-running commands are ready once they
 * printed a line and are killed by their own pid; one-shot commands run to their end. Nothing waits
 * without bound: a process that is not ready or not done in time is killed and its output shown.
 */
final class PhaseflowVersion {
  private static final long READY_SECONDS = 60;
  private static final long RUN_SECONDS = 60;

  private final List<String> launcher;

  private PhaseflowVersion(List<String> launcher) {
    this.launcher = launcher;
  }

  /** The version built into {@code jar}. */
  static PhaseflowVersion jar(Path jar) {
    return new PhaseflowVersion(List.of(java(), "-jar", jar.toString()));
  }

  /** This code, from the test's classpath. */
  static PhaseflowVersion current() {
    return new PhaseflowVersion(
        List.of(
            java(),
            "-cp",
            System.getProperty("java.class.path"),
            PhaseflowCommand.class.getName()));
  }

  /**
   * Starts {@code phaseflow ARGS...} and waits until a line of its output contains {@code ready}.
   *
   * @throws IllegalStateException with its output when it exits or takes over a minute before that
   */
  Running start(List<String> args, String ready) throws IOException, InterruptedException {
    List<String> command = command(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuffer seen = new StringBuffer();
    CompletableFuture<Boolean> isReady = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                // Reads to the end, or a full pipe would block the process.
                for (String line; (line = lines.readLine()) != null; ) {
                  seen.append(line).append('\n');
                  if (line.contains(ready)) {
                    isReady.complete(true);
                  }
                }
              } catch (IOException e) {
                // the process is gone; what it printed is in seen
              }
              isReady.complete(false);
            },
            "phaseflow-version-output");
    reader.setDaemon(true);
    reader.start();
    boolean ok;
    try {
      ok = isReady.get(READY_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      ok = false;
    }
    if (!ok) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException(
          String.join(" ", command) + " did not print '" + ready + "'; its output:\n" + seen);
    }
    return new Running(p);
  }

  /** Runs a one-shot command to its end and returns its standard output; exit 0 or it throws. */
  String run(List<String> args) throws IOException, InterruptedException {
    List<String> command = command(args);
    Path out = Files.createTempFile("phaseflow", ".out");
    Path err = Files.createTempFile("phaseflow", ".err");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(
            String.join(" ", command)
                + " ran over "
                + RUN_SECONDS
                + " s:\n"
                + Files.readString(err));
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command)
                + " exited "
                + p.exitValue()
                + ":\n"
                + Files.readString(out)
                + Files.readString(err));
      }
      return Files.readString(out);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private List<String> command(List<String> args) {
    List<String> command = new ArrayList<>(launcher);
    command.addAll(args);
    return command;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A long-running process of this version. */
  static final class Running implements AutoCloseable {
    private final Process process;

    private Running(Process process) {
      this.process = process;
    }

    /** SIGKILL: it acknowledges nothing more and finishes nothing in hand. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("pid " + process.pid() + " still runs 30 s after SIGKILL");
      }
    }

    /** Stops it with SIGTERM (it finishes what it holds); with SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
