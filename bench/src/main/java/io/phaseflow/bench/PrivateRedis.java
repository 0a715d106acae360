package io.phaseflow.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis server of its own for a chaos run: {@code redis-server} on a spare loopback port, data in
 * its own directory, append-only with {@code appendfsync always} (every acknowledged write is on
 * disk), no snapshots. Killed with SIGKILL and started again from its AOF. Not thread-safe: one
 * thread drives it.
 */
final class PrivateRedis implements AutoCloseable {
  private final Path dir;
  private final int port;
  private Process process;

  private PrivateRedis(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Starts it in {@code dir} (created) on a spare port and waits until it accepts connections. */
  static PrivateRedis start(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    PrivateRedis redis = new PrivateRedis(dir, sparePort());
    redis.restart();
    return redis;
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  /** Starts the server again (after {@link #kill}); it loads what its AOF holds. */
  void restart() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                List.of(
                    "redis-server",
                    "--port",
                    Integer.toString(port),
                    "--bind",
                    "127.0.0.1",
                    "--dir",
                    dir.toString(),
                    "--appendonly",
                    "yes",
                    "--appendfsync",
                    "always",
                    "--save",
                    "",
                    "--daemonize",
                    "no"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
            .start();
    awaitPort("Redis (redis-server, see " + dir.resolve("redis.log") + ")", port, process, 30);
  }

  /** SIGKILL: no shutdown, no final write. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy(); // SIGTERM: redis-server exits at once (and fsyncs)
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  /** A port nothing listens on now. */
  static int sparePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Waits until 127.0.0.1:port accepts a connection. */
  static void awaitPort(String what, int port, Process process, int seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        if (process != null && !process.isAlive()) {
          throw new IllegalStateException(
              what + " exited with code " + process.exitValue() + " before opening port " + port);
        }
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException(
        what + " did not open port " + port + " within " + seconds + " s");
  }
}
