package io.phaseflow.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code phaseflow} process (engine, handlers) started from this JVM's classpath, ready once it
 * printed a given line, stopped with SIGTERM. For benchmarks and tests that need real processes.
 */
public final class PhaseflowProcess implements AutoCloseable {
  private final Process process;

  private PhaseflowProcess(Process process) {
    this.process = process;
  }

  /**
   * Starts {@code phaseflow ARGS...} and waits until a line of its output contains {@code ready}.
   *
   * @throws IllegalStateException with its output when it exits before that
   */
  public static PhaseflowProcess start(List<String> args, String ready)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.phaseflow.cli.PhaseflowCommand");
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line; (line = lines.readLine()) != null; ) {
      if (line.contains(ready)) {
        // Keep reading, or a full pipe would block the process.
        Thread drain = new Thread(() -> lines.lines().forEach(l -> {}), "phaseflow-process-output");
        drain.setDaemon(true);
        drain.start();
        return new PhaseflowProcess(p);
      }
      seen.append(line).append('\n');
    }
    p.waitFor(5, TimeUnit.SECONDS);
    throw new IllegalStateException("phaseflow " + args + " exited before it was ready:\n" + seen);
  }

  /** Its process id, e.g. to read its CPU time from /proc. */
  public long pid() {
    return process.pid();
  }

  /** Stops it with SIGTERM (it finishes what it holds); forcibly after 30 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
