package io.phaseflow.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Keeps processes ({@code phaseflow} engines and handlers) running: restarts any that exited,
 * counting the exit by its code, and while chaos is on kills each one with SIGKILL 3 to 5 s after
 * it started (at random) and starts it again. Each process's output goes to {@code
 * logs/KIND-N.log}. Thread-safe: its methods are synchronized.
 */
final class ProcessSupervisor implements AutoCloseable {
  /** JVM options for the children: they live a few seconds, so start fast and stay small. */
  private static final List<String> JVM_OPTIONS =
      List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private final Path logs;
  private final Random random;
  private final List<Slot> slots = new ArrayList<>();
  private final List<String> exitNotes = new ArrayList<>();
  private boolean chaos;
  private boolean closed;

  private static final class Slot {
    final String kind;
    final int number;
    final List<String> command;
    Process process;
    long logOffset;
    long killAt;
    int kills;
    final Map<Integer, Integer> exits = new TreeMap<>();

    Slot(String kind, int number, List<String> command) {
      this.kind = kind;
      this.number = number;
      this.command = command;
    }
  }

  ProcessSupervisor(Path logs, Random random) {
    this.logs = logs;
    this.random = random;
  }

  /** Starts the command (for a phaseflow process: {@link #command}) and keeps it running. */
  synchronized void add(String kind, List<String> command) throws IOException {
    int number = (int) slots.stream().filter(s -> s.kind.equals(kind)).count() + 1;
    Slot slot = new Slot(kind, number, command);
    slots.add(slot);
    spawn(slot);
  }

  /** Whether processes are killed at random. */
  synchronized void chaos(boolean on) {
    chaos = on;
  }

  /** Restarts what exited; kills (and restarts) what is due while chaos is on. */
  synchronized void tick() throws IOException, InterruptedException {
    if (closed) {
      return;
    }
    long now = System.nanoTime();
    for (Slot s : slots) {
      if (!s.process.isAlive()) {
        s.exits.merge(s.process.exitValue(), 1, Integer::sum);
        note(s);
        spawn(s);
      } else if (chaos && now >= s.killAt) {
        s.process.destroyForcibly(); // SIGKILL
        s.process.waitFor(10, TimeUnit.SECONDS);
        s.kills++;
        spawn(s);
      }
    }
  }

  /** SIGKILLs sent to processes of this kind. */
  synchronized int kills(String kind) {
    return slots.stream().filter(s -> s.kind.equals(kind)).mapToInt(s -> s.kills).sum();
  }

  /** Exits of processes of this kind that were not killed, by exit code. */
  synchronized Map<Integer, Integer> exits(String kind) {
    Map<Integer, Integer> out = new TreeMap<>();
    slots.stream()
        .filter(s -> s.kind.equals(kind))
        .forEach(s -> s.exits.forEach((code, n) -> out.merge(code, n, Integer::sum)));
    return out;
  }

  /** For the first few exits on their own: which process, its code and its last output line. */
  synchronized List<String> exitNotes() {
    return List.copyOf(exitNotes);
  }

  private void note(Slot s) {
    if (exitNotes.size() >= 10) {
      return;
    }
    String last = "";
    try (RandomAccessFile log = new RandomAccessFile(log(s).toFile(), "r")) {
      log.seek(s.logOffset);
      for (String line; (line = log.readLine()) != null; ) {
        if (!line.isBlank() && !line.startsWith("\tat ")) {
          last = line; // the last line that is not a stack frame
        }
      }
    } catch (IOException e) {
      last = "(its log cannot be read: " + e + ")";
    }
    exitNotes.add(
        s.kind + "-" + s.number + " exited with code " + s.process.exitValue() + ": " + last);
  }

  private Path log(Slot s) {
    return logs.resolve(s.kind + "-" + s.number + ".log");
  }

  /** The command line of {@code phaseflow ARGS} on this JVM's classpath. */
  static List<String> command(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.phaseflow.cli.PhaseflowCommand");
    command.addAll(args);
    return command;
  }

  private void spawn(Slot s) throws IOException {
    Path log = log(s);
    s.logOffset = Files.exists(log) ? Files.size(log) : 0;
    s.process =
        new ProcessBuilder(s.command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    s.killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3000 + random.nextInt(2001));
  }

  /** Stops every process: SIGTERM, then SIGKILL after 15 s. */
  @Override
  public synchronized void close() throws InterruptedException {
    closed = true;
    for (Slot s : slots) {
      s.process.destroy();
    }
    for (Slot s : slots) {
      if (!s.process.waitFor(15, TimeUnit.SECONDS)) {
        s.process.destroyForcibly();
        s.process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
