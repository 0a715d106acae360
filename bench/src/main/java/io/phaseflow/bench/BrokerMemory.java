package io.phaseflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.NamespacedBus;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Messages;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * RabbitMQ bytes per queued job: publishes N W1 job messages (as the engine encodes them) into a
 * fresh namespace's Noop handler queue through the engine's own bus, so the queue is declared and
 * the messages published exactly as the engine does (persistent, confirmed), nobody consuming;
 * reads the node's memory from the broker's own report before and after, then deletes the queue.
 * The report comes from {@code rabbitmqctl} on this machine: the broker must be local.
 */
public final class BrokerMemory {
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");
  private static final int CHUNK = 1_000; // as the engine publishes a wide entry's jobs

  /**
   * What to measure.
   *
   * @param policy a policy definition applied to the namespace's queues first, e.g. {@code
   *     {"queue-version":2}} or {@code {"queue-mode":"lazy"}}; null for none (as the engine runs)
   */
  public record Settings(int jobs, boolean quorum, String policy) {}

  /** What it measured. */
  public record Result(
      int jobs,
      int bodyBytes,
      long millis,
      String node,
      NodeMemory before,
      NodeMemory after,
      JsonNode queue) {
    public double perJob() {
      return (after.erlang() - before.erlang()) / (double) jobs;
    }
  }

  private final AmqpSettings amqp;
  private final RabbitCtl ctl;

  private BrokerMemory(AmqpSettings amqp, RabbitCtl ctl) {
    this.amqp = amqp;
    this.ctl = ctl;
  }

  /**
   * A measurement of the broker {@code amqp} names, or why there can be none: it is not on this
   * machine, or no {@code rabbitmqctl} here reports on it.
   */
  public static Optional<BrokerMemory> of(AmqpSettings amqp, StringBuilder whyNot)
      throws Exception {
    if (amqp.nodes().size() != 1 || !LOOPBACK.contains(amqp.host())) {
      whyNot.append("the broker ").append(amqp.redacted()).append(" is not on this machine");
      return Optional.empty();
    }
    Optional<RabbitCtl> ctl = RabbitCtl.find();
    if (ctl.isEmpty()) {
      whyNot.append("no rabbitmqctl on the PATH, in /usr/lib/rabbitmq/bin or /usr/sbin");
      return Optional.empty();
    }
    if (!NodeMemory.listensOn(ctl.get().status(), amqp.port())) {
      whyNot
          .append("the node ")
          .append(ctl.get().binary())
          .append(" reports on does not listen on AMQP port ")
          .append(amqp.port());
      return Optional.empty();
    }
    return Optional.of(new BrokerMemory(amqp, ctl.get()));
  }

  public Result run(Settings s) throws Exception {
    String namespace = "pfmem" + Long.toString(System.nanoTime() % 1_000_000, 36);
    String policy = namespace + "-bench";
    List<MessageBus.Message> chunk = new ArrayList<>(CHUNK);
    try (RabbitBus rabbit =
        RabbitBus.connect(
            amqp.withQuorumQueues(s.quorum()).withConnectionName("phaseflow-bench-memory"))) {
      NamespacedBus bus = new NamespacedBus(rabbit, namespace);
      String queue = bus.name(W1Cluster.JOB_QUEUE);
      try {
        if (s.policy() != null) {
          ctl.setPolicy(amqp.vhost(), policy, "^" + namespace + "\\.", s.policy());
        }
        ctl.collectGarbage();
        NodeMemory before = NodeMemory.of(ctl.status());
        long started = System.nanoTime();
        int body = 0;
        String workflow = null;
        for (int i = 0; i < s.jobs(); i++) {
          if (i % 10 == 0) {
            workflow = workflowId();
          }
          byte[] message = w1Job(workflow, i % 10);
          body = Math.max(body, message.length);
          chunk.add(new MessageBus.Message(W1Cluster.JOB_QUEUE, message));
          if (chunk.size() == CHUNK || i == s.jobs() - 1) {
            bus.publishAll(chunk);
            chunk.clear();
          }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        Thread.sleep(2000); // the queue process pages and indexes in the background: let it settle
        ctl.collectGarbage();
        JsonNode status = ctl.status();
        JsonNode row =
            ctl.queue(
                    amqp.vhost(),
                    queue,
                    "type",
                    "messages",
                    "memory",
                    "messages_ram",
                    "message_bytes",
                    "message_bytes_ram",
                    "arguments",
                    "policy")
                .orElseThrow(() -> new IllegalStateException(queue + " is gone"));
        String node =
            status.path("listeners").path(0).path("node").asText("?")
                + " "
                + status.path("rabbitmq_version").asText("?");
        return new Result(s.jobs(), body, millis, node, before, NodeMemory.of(status), row);
      } finally {
        rabbit.deleteNamespace(namespace, List.of(W1Cluster.JOB_QUEUE));
        if (s.policy() != null) {
          ctl.clearPolicy(amqp.vhost(), policy);
        }
      }
    }
  }

  /** A job of W1's first phase as the engine publishes it: item i of ten, the workflow's data. */
  static byte[] w1Job(String workflowId, int i) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    ArrayNode items = data.putArray("items");
    for (int k = 0; k < 10; k++) {
      items.add(k);
    }
    return Messages.encode(
        new Job(
            workflowId,
            "a",
            1,
            i,
            1,
            "Noop",
            1,
            JsonNodeFactory.instance.numberNode(i),
            data,
            JsonNodeFactory.instance.objectNode()));
  }

  /** Shaped as the engine's fresh ids: base-36 milliseconds, a dash, 6 random characters. */
  private static String workflowId() {
    StringBuilder id = new StringBuilder(Long.toString(System.currentTimeMillis(), 36));
    id.append('-');
    for (int i = 0; i < 6; i++) {
      id.append(Character.forDigit(ThreadLocalRandom.current().nextInt(36), 36));
    }
    return id.toString();
  }

  /** Prints a result as the README shows it. */
  public static void print(Settings s, Result r, PrintWriter out) {
    JsonNode q = r.queue();
    long delta = r.after().erlang() - r.before().erlang();
    out.printf(
        "RabbitMQ            %s; queue %s: %s%s%n",
        r.node(), q.path("name").asText(), q.path("type").asText(), describe(q, s.policy()));
    out.printf(
        "queued jobs         %,d W1 job messages of %d B (Messages.encode(Job): persistent,"
            + " confirmed, nobody consuming), published in %,d ms%n",
        r.jobs(), r.bodyBytes(), r.millis());
    out.printf(
        "node memory before  %,d B (erlang total in rabbitmqctl status, each read after a GC of"
            + " the node)%n",
        r.before().erlang());
    out.printf(
        "node memory after   %,d B  (+%,d B = %.1f MiB; rss %,d B)%n",
        r.after().erlang(), delta, delta / 1048576.0, r.after().rss());
    out.printf("per queued job      %.1f B (node total; bound 300 B)%n", r.perJob());
    out.printf(
        "  queue's own       %.1f B (list_queues memory); %,d of %,d messages in RAM, %,d B of"
            + " bodies there%n",
        q.path("memory").asLong() / (double) r.jobs(),
        q.path("messages_ram").asLong(),
        q.path("messages").asLong(),
        q.path("message_bytes_ram").asLong());
    StringBuilder grew = new StringBuilder();
    for (Map.Entry<String, Long> c : r.after().grewMost(r.before(), 4)) {
      grew.append(grew.isEmpty() ? "" : ", ")
          .append(String.format("%s %.1f", c.getKey(), c.getValue() / (double) r.jobs()));
    }
    out.printf("  grew most (B/job) %s%n", grew);
    out.flush();
  }

  /**
   * A classic queue's version and mode, from its arguments, else the policy measured with, else the
   * broker's defaults.
   */
  static String describe(JsonNode queue, String policy) {
    if (!queue.path("type").asText().equals("classic")) {
      return "";
    }
    JsonNode definition;
    try {
      definition =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(policy == null ? "{}" : policy);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("--broker-policy " + policy + ": not JSON", e);
    }
    JsonNode args = queue.path("arguments");
    return ", version "
        + setting(
            args,
            "x-queue-version",
            definition,
            "queue-version",
            "1 (the broker's default on RabbitMQ 3.10: classic_queue.default_version)")
        + ", mode "
        + setting(args, "x-queue-mode", definition, "queue-mode", "default (not lazy)")
        + "; arguments "
        + args;
  }

  private static String setting(
      JsonNode args, String argument, JsonNode policy, String key, String otherwise) {
    // list_queues gives arguments as [["name", value], ...], [["name", type, value], ...] or {}
    for (JsonNode a : args) {
      if (a.isArray() && a.path(0).asText().equals(argument)) {
        return a.path(a.size() - 1).asText() + " (" + argument + ")";
      }
    }
    if (args.has(argument)) {
      return args.path(argument).asText() + " (" + argument + ")";
    }
    return policy.has(key) ? policy.path(key).asText() + " (policy)" : otherwise;
  }
}
