package io.phaseflow.cli;

import io.phaseflow.engine.testing.RepoFiles;
import io.phaseflow.engine.transport.AmqpSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 3-node RabbitMQ cluster of {@code scripts/rabbitmq-cluster} for the cluster tests: its
 * address list ({@code PHASEFLOW_CLUSTER_AMQP_URL}, else the script's default ports 5681-5683), and
 * its nodes stopped, started and asked through the script and {@code rabbitmqctl}. Not thread-safe;
 * one test at a time.
 */
final class RabbitTestCluster {
  static final String ENV = "PHASEFLOW_CLUSTER_AMQP_URL";
  static final String DEFAULT_URL =
      "amqp://guest:guest@127.0.0.1:5681,127.0.0.1:5682,127.0.0.1:5683";
  private static final Pattern NODE = Pattern.compile("<(pf\\d+@localhost)\\.");

  private final String url;
  private final List<String> nodes; // host:port, in the script's order

  private RabbitTestCluster(String url) {
    this.url = url;
    this.nodes = AmqpSettings.parse(url).nodes();
  }

  /** The cluster, every node of which answered a TCP probe; fails saying how to start it. */
  static RabbitTestCluster running() {
    String env = System.getenv(ENV);
    RabbitTestCluster cluster =
        new RabbitTestCluster(env == null || env.isBlank() ? DEFAULT_URL : env.strip());
    for (int n = 1; n <= cluster.nodes.size(); n++) {
      if (!cluster.answers(n)) {
        throw new IllegalStateException(
            "RabbitMQ cluster node "
                + cluster.nodes.get(n - 1)
                + " does not answer; the cluster tests need all three: start them with"
                + " scripts/rabbitmq-cluster start (or set "
                + ENV
                + " to the address list it printed)");
      }
    }
    return cluster;
  }

  String url() {
    return url;
  }

  int size() {
    return nodes.size();
  }

  /**
   * The node name of node {@code n} (1-based), as the script names it: {@code pfPORT@localhost}.
   */
  String nodeName(int n) {
    return "pf" + port(n) + "@localhost";
  }

  private int port(int n) {
    String node = nodes.get(n - 1);
    return Integer.parseInt(node.substring(node.lastIndexOf(':') + 1));
  }

  boolean answers(int n) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port(n)), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops node {@code n} with {@code rabbitmqctl stop}, as an operator would. */
  void stopNode(int n) throws IOException, InterruptedException {
    script("stop-node", n);
  }

  void startNode(int n) throws IOException, InterruptedException {
    script("start-node", n);
  }

  /** The node (1-based) that holds the connection named {@code connectionName}; 0 if none. */
  int nodeOfConnection(String connectionName, int askNode)
      throws IOException, InterruptedException {
    for (String line :
        ctl(askNode, "list_connections", "-q", "--no-table-headers", "pid", "client_properties")) {
      Matcher m = NODE.matcher(line);
      if (line.contains("<<\"" + connectionName + "\">>") && m.find()) {
        for (int n = 1; n <= nodes.size(); n++) {
          if (nodeName(n).equals(m.group(1))) {
            return n;
          }
        }
      }
    }
    return 0;
  }

  /** {@code name type leader} of every queue, as {@code rabbitmqctl list_queues} prints them. */
  List<String> queues(int askNode) throws IOException, InterruptedException {
    return ctl(askNode, "list_queues", "-q", "--no-table-headers", "name", "type", "leader");
  }

  private List<String> ctl(int askNode, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-n", nodeName(askNode)));
    command.addAll(List.of(args));
    return run(command);
  }

  private void script(String command, int n) throws IOException, InterruptedException {
    run(
        List.of(
            RepoFiles.root().resolve("scripts/rabbitmq-cluster").toString(),
            command,
            String.valueOf(n),
            "--base-port",
            String.valueOf(port(1))));
  }

  private static List<String> run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
    }
    return out.lines().toList();
  }
}
