package io.phaseflow.engine.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of a test's own on a spare loopback port, for tests that kill a server or start it
 * late: the shared one on 6379 must never go down. Not persistent; {@link #close()} kills it.
 */
public final class SpareRedis implements AutoCloseable {
  private final int port;
  private final List<String> extraArgs;
  private final Path dir;
  private Process process;

  private SpareRedis(int port, List<String> extraArgs) throws IOException {
    this.port = port;
    this.extraArgs = extraArgs;
    this.dir = Files.createTempDirectory("spare-redis");
  }

  /** A server on a free port, not started yet: connecting to it is refused until {@link #start}. */
  public static SpareRedis onFreePort(String... extraArgs) throws IOException {
    return new SpareRedis(freePort(), List.of(extraArgs));
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:PORT/0}. */
  public String url() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  /** Starts the server and waits until it accepts connections. */
  public SpareRedis start() throws IOException, InterruptedException {
    TestTier.requireIntegrationTier("a redis-server process of its own");
    List<String> command = new ArrayList<>(List.of("redis-server", "--port", "" + port));
    command.addAll(List.of("--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
    command.addAll(List.of("--dir", dir.toString()));
    command.addAll(extraArgs);
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return this;
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "redis-server on port "
                  + port
                  + " exited: "
                  + Files.readString(dir.resolve("redis.log")));
        }
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("redis-server on port " + port + " not up after 10 s");
  }

  /** Kills the server at once (SIGKILL): its clients see their connections drop. */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      process = null;
    }
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
