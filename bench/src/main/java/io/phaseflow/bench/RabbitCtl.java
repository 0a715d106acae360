package io.phaseflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local broker's own reports through {@code rabbitmqctl} (no management plugin needed): the
 * node's memory as {@code status} gives it, a queue's row of {@code list_queues}, and policies.
 * Runs as this user, so it needs the node's Erlang cookie (root or the rabbitmq user have it).
 */
final class RabbitCtl {
  /** Where packages install it, after the PATH. */
  private static final List<String> PLACES = List.of("/usr/lib/rabbitmq/bin", "/usr/sbin");

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path binary;

  private RabbitCtl(Path binary) {
    this.binary = binary;
  }

  /** The rabbitmqctl on the PATH, else in the usual places; empty when there is none. */
  static Optional<RabbitCtl> find() {
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(":")));
    }
    dirs.addAll(PLACES);
    for (String dir : dirs) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, "rabbitmqctl");
      if (Files.isExecutable(p)) {
        return Optional.of(new RabbitCtl(p));
      }
    }
    return Optional.empty();
  }

  Path binary() {
    return binary;
  }

  /** {@code rabbitmqctl status}: the node's memory (strategy, totals, categories), listeners. */
  JsonNode status() throws IOException, InterruptedException {
    return JSON.readTree(run("status", "--formatter", "json"));
  }

  /** The queue's row of {@code list_queues}, with the columns asked for; empty when missing. */
  Optional<JsonNode> queue(String vhost, String name, String... columns)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("list_queues", "--vhost", vhost, "name"));
    args.addAll(List.of(columns));
    args.addAll(List.of("--formatter", "json"));
    for (JsonNode row : JSON.readTree(run(args.toArray(String[]::new)))) {
      if (name.equals(row.path("name").asText())) {
        return Optional.of(row);
      }
    }
    return Optional.empty();
  }

  /**
   * Garbage-collects every Erlang process of the node, so that the memory read next is what is live
   * (a delta of a few MB drowns in garbage otherwise). Costs the node a moment of CPU.
   */
  void collectGarbage() throws IOException, InterruptedException {
    run("eval", "[erlang:garbage_collect(P) || P <- erlang:processes()], ok.");
  }

  /** Applies {@code definition} (JSON) to the vhost's queues whose name matches {@code pattern}. */
  void setPolicy(String vhost, String name, String pattern, String definition)
      throws IOException, InterruptedException {
    run("set_policy", "--vhost", vhost, "--apply-to", "queues", name, pattern, definition);
  }

  void clearPolicy(String vhost, String name) throws IOException, InterruptedException {
    run("clear_policy", "--vhost", vhost, name);
  }

  private String run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--quiet"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish in 60 s");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command)
              + " exited "
              + p.exitValue()
              + ": "
              + text.strip()
              + " (it needs the node's Erlang cookie: run as root or as the rabbitmq user)");
    }
    return text;
  }
}
