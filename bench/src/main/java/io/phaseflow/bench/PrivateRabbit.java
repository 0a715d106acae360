package io.phaseflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ node of its own for a chaos run, next to the machine's own node: its own node name,
 * AMQP and distribution ports on loopback, data, log, plugins and config files in its own directory
 * owned by the {@code rabbitmq} user (the system config pins port 5672, so it gets a config file of
 * its own). Started with {@code rabbitmq-server -detached} (as root, Debian's wrapper runs it as
 * {@code rabbitmq}, sharing that user's Erlang cookie with {@code rabbitmqctl}), killed with
 * SIGKILL of its Erlang VM, stopped with {@code rabbitmqctl stop}. Not thread-safe: one thread
 * drives it.
 */
final class PrivateRabbit implements AutoCloseable {
  private final Path dir;
  private final String node;
  private final int port;
  private final int distPort;
  private boolean running;

  private PrivateRabbit(Path dir, String node, int port, int distPort) {
    this.dir = dir;
    this.node = node;
    this.port = port;
    this.distPort = distPort;
  }

  /** Starts a node in {@code dir} (created, then owned by {@code rabbitmq}) on spare ports. */
  static PrivateRabbit start(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("mnesia"));
    Files.createDirectories(dir.resolve("log"));
    int port = PrivateRedis.sparePort();
    int distPort = PrivateRedis.sparePort();
    Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
    Files.writeString(
        dir.resolve("rabbitmq.conf"), "listeners.tcp.local = 127.0.0.1:" + port + "\n");
    run(List.of("chown", "-R", "rabbitmq:rabbitmq", dir.toString()), Map.of(), 30);
    String node = "pfchaos-" + ProcessHandle.current().pid() + "-" + port + "@localhost";
    PrivateRabbit rabbit = new PrivateRabbit(dir, node, port, distPort);
    rabbit.restart();
    return rabbit;
  }

  String url() {
    return "amqp://guest:guest@127.0.0.1:" + port;
  }

  String node() {
    return node;
  }

  int port() {
    return port;
  }

  /** Starts the node (again, after {@link #kill}) and waits until its applications run. */
  void restart() throws IOException, InterruptedException {
    Files.deleteIfExists(pidFile()); // a killed node's file would name a dead process
    Map<String, String> env = new LinkedHashMap<>();
    env.put("RABBITMQ_NODENAME", node);
    env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
    env.put("RABBITMQ_NODE_PORT", Integer.toString(port));
    env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
    env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
    env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
    env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
    env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString());
    env.put("RABBITMQ_PID_FILE", pidFile().toString());
    run(List.of("rabbitmq-server", "-detached"), env, 60);
    running = true;
    ctl(120, "wait", pidFile().toString(), "--timeout", "120");
    PrivateRedis.awaitPort("RabbitMQ node " + node, port, null, 60);
  }

  /**
   * Writes out what the node holds in memory of its definitions (queues, bindings: its Mnesia
   * transaction log), as time would. A queue declared just before a SIGKILL can be gone after the
   * restart, its confirmed messages with it: the declaration was answered while still in the node's
   * log buffer (seen here on RabbitMQ 3.10.8 with lazy and default-mode queues alike). A test that
   * kills a node right after declaring its first queue calls this first, so it tests what a kill
   * does to messages, not that race.
   */
  void syncDefinitions() throws IOException, InterruptedException {
    String reply = ctl(60, "eval", "mnesia:sync_log().").trim();
    if (!reply.equals("ok")) {
      throw new IllegalStateException(
          "RabbitMQ node " + node + " did not sync its Mnesia log: " + reply);
    }
  }

  /** SIGKILL of the node's Erlang VM: no shutdown, no final write. */
  void kill() throws IOException, InterruptedException {
    long pid = Long.parseLong(Files.readString(pidFile()).trim());
    ProcessHandle vm = ProcessHandle.of(pid).orElse(null);
    if (vm != null) {
      vm.destroyForcibly();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90); // 30 s was short under load
      while (vm.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
    running = false;
  }

  /**
   * Messages (ready and unacknowledged) in each queue of the node.
   *
   * @throws IllegalStateException when the node lists no queue with a count for 90 s, quoting what
   *     it listed and the end of its log: every caller's node holds queues, so an empty listing
   *     would otherwise read as "no dead letters"
   */
  Map<String, Long> queueDepths() throws IOException, InterruptedException {
    // Just after a restart from a SIGKILL the node has been seen to list no queues (with
    // default-mode and lazy queues alike; the cause is not known): asked again, for a bounded time.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90); // 30 s was short under load
    String listed = listQueues();
    Map<String, Long> depths = depths(listed);
    while (depths.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(500);
      listed = listQueues();
      depths = depths(listed);
    }
    if (depths.isEmpty()) {
      throw new IllegalStateException(
          "RabbitMQ node "
              + node
              + " listed no queue with a message count for 90 s after its restart; it listed:\n"
              + listed
              + "\nthe end of its log ("
              + dir.resolve("log")
              + "):\n"
              + logTail(40));
    }
    return depths;
  }

  private String listQueues() throws IOException, InterruptedException {
    return ctl(60, "-q", "list_queues", "--no-table-headers", "name", "messages");
  }

  /** Name and count of each listed queue; a queue listed without a count (down) is left out. */
  static Map<String, Long> depths(String listed) {
    Map<String, Long> depths = new LinkedHashMap<>();
    for (String line : listed.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 2 && f[1].chars().allMatch(Character::isDigit)) {
        depths.put(f[0], Long.parseLong(f[1]));
      }
    }
    return depths;
  }

  private String logTail(int lines) throws IOException {
    Path log = dir.resolve("log").resolve(node + ".log");
    if (!Files.exists(log)) {
      return "(no " + log + ")";
    }
    List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** Stops the node and waits for its VM to exit; SIGKILL if it does not stop. */
  @Override
  public void close() throws IOException, InterruptedException {
    if (!running) {
      return;
    }
    try {
      ctl(90, "stop", pidFile().toString());
      running = false;
    } catch (RuntimeException e) {
      if (Files.exists(pidFile())) {
        kill();
      }
    }
  }

  private Path pidFile() {
    return dir.resolve("pid");
  }

  private String ctl(int seconds, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-n", node));
    command.addAll(List.of(args));
    return run(command, Map.of(), seconds);
  }

  /** Runs a command to its end; its output, or an exception quoting it. */
  static String run(List<String> command, Map<String, String> env, int seconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Path out = Files.createTempFile("pfchaos-cmd", ".out");
    try {
      Process p = pb.redirectOutput(out.toFile()).start();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " did not end within " + seconds + " s");
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " exited with code " + p.exitValue() + ":\n" + text);
      }
      return text;
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
