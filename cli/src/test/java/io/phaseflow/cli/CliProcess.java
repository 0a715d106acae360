package io.phaseflow.cli;

import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.protocol.Queues;
import io.phaseflow.samples.SampleHandlers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code phaseflow ARGS} as a child process of this JVM's classpath, with an environment of the
 * test's choosing; its output (stdout and stderr together) is collected line by line.
 */
final class CliProcess implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final Thread reader;

  private CliProcess(Process process) {
    this.process = process;
    reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                  }
                }
              } catch (IOException ignored) {
                // the process is gone
              }
            },
            "cli-process-output");
    reader.setDaemon(true);
    reader.start();
  }

  static CliProcess start(Map<String, String> env, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.phaseflow.cli.PhaseflowCommand");
    command.addAll(args);
    return command(env, command);
  }

  /** Any command as a child process (a handler in another language), its output collected. */
  static CliProcess command(Map<String, String> env, List<String> command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    return new CliProcess(pb.start());
  }

  /** Waits until a line matches; false when the process ended or the time ran out first. */
  boolean awaitLine(Predicate<String> wanted, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    synchronized (lines) {
      while (System.nanoTime() < deadline) {
        if (lines.stream().anyMatch(wanted)) {
          return true;
        }
        lines.wait(100);
      }
      return lines.stream().anyMatch(wanted);
    }
  }

  /** The exit code, waiting up to {@code seconds}; -1 when still running. */
  int exitCode(long seconds) throws InterruptedException {
    return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  /**
   * SIGTERM, then the exit code, waiting up to {@code seconds}; -1 when still running. Unlike
   * {@link Process#destroy()} it leaves the output open, so what the process says while it stops is
   * still read.
   */
  int terminate(long seconds) throws InterruptedException {
    process.toHandle().destroy();
    int code = exitCode(seconds);
    reader.join(5_000); // the last lines
    return code;
  }

  String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  /** SIGTERM, then SIGKILL after 20 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /**
   * Deletes what a cluster of sample-handler processes under {@code namespace} left: its Redis keys
   * on the test database and its queues on the broker at {@code amqpUrl}.
   */
  static void deleteSampleCluster(String namespace, String amqpUrl) {
    try (RedisConnector connector = new RedisConnector(TestServers.redisSettings())) {
      RedisCleanup.deletePrefix(connector, namespace);
    }
    deleteSampleQueues(namespace, amqpUrl);
  }

  /** Deletes the engine and sample-handler queues of {@code namespace} on the broker. */
  static void deleteSampleQueues(String namespace, String amqpUrl) {
    try (RabbitBus admin = RabbitBus.connect(AmqpSettings.parse(amqpUrl))) {
      admin.deleteNamespace(
          namespace, SampleHandlers.all().stream().map(h -> Queues.handler(h.name(), 1)).toList());
    }
  }
}
