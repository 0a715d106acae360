package io.phaseflow.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.handlers.protocol.MessageBus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A namespace's queue type belongs to the broker: the process that creates its first queue chooses
 * it, and every other process follows it whatever its own {@code --quorum} says. Before, a {@code
 * start} without {@code --quorum} on a namespace of quorum queues failed with {@code
 * PRECONDITION_FAILED - inequivalent arg 'x-queue-type'}.
 */
class QueueTypeIT {
  private final String ns = RedisCleanup.uniquePrefix("pfqtype");

  @AfterEach
  void deleteQueues() {
    try (RabbitBus admin = bus(false)) {
      admin.deleteNamespace(ns, List.of("phaseflow.q1", "phaseflow.q2"));
    }
  }

  private static RabbitBus bus(boolean quorum) {
    return RabbitBus.connect(
        AmqpSettings.parse(TestServers.amqpUrl())
            .withQuorumQueues(quorum)
            .withConnectionName("pfqtype"));
  }

  @Test
  void aProcessWithoutQuorumFollowsANamespaceOfQuorumQueues() throws Exception {
    try (RabbitBus creator = bus(true)) {
      new NamespacedBus(creator, ns).consume("phaseflow.q1", 1, body -> {}).close();
    }
    try (RabbitBus follower = bus(false)) {
      MessageBus bus = new NamespacedBus(follower, ns);

      roundTrip(bus, "phaseflow.q1"); // existing: refused before
      roundTrip(bus, "phaseflow.q2"); // new: created with the namespace's type

      assertThat(isQuorum(follower, ns + ".phaseflow.q1")).isTrue();
      assertThat(isQuorum(follower, ns + ".phaseflow.q2")).isTrue();
      assertThat(isQuorum(follower, RabbitBus.deadLetterQueue(ns))).isTrue();
    }
  }

  @Test
  void aProcessWithQuorumFollowsANamespaceOfClassicQueues() throws Exception {
    try (RabbitBus creator = bus(false)) {
      new NamespacedBus(creator, ns).publish("phaseflow.q1", "x".getBytes(StandardCharsets.UTF_8));
    }
    try (RabbitBus follower = bus(true)) {
      MessageBus bus = new NamespacedBus(follower, ns);

      roundTrip(bus, "phaseflow.q2");

      assertThat(isQuorum(follower, ns + ".phaseflow.q2")).isFalse();
      assertThat(isQuorum(follower, RabbitBus.deadLetterQueue(ns))).isFalse();
    }
  }

  /** Quorum queues declared before leaders were balanced keep working. */
  @Test
  void quorumQueuesWithoutALeaderLocatorAreFollowed() throws Exception {
    try (RabbitBus raw = bus(false)) {
      try (Channel ch = raw.connection().createChannel()) {
        for (String q : List.of(RabbitBus.deadLetterQueue(ns), ns + ".phaseflow.q1")) {
          ch.queueDeclare(q, true, false, false, Map.of("x-queue-type", "quorum"));
        }
      }
    }
    try (RabbitBus follower = bus(true)) {
      roundTrip(new NamespacedBus(follower, ns), "phaseflow.q1");
      roundTrip(new NamespacedBus(follower, ns), "phaseflow.q2");
      assertThat(isQuorum(follower, ns + ".phaseflow.q2")).isTrue();
    }
  }

  private static void roundTrip(MessageBus bus, String queue) throws InterruptedException {
    CountDownLatch got = new CountDownLatch(1);
    try (MessageBus.Subscription s = bus.consume(queue, 1, body -> got.countDown())) {
      bus.publish(queue, "{}".getBytes(StandardCharsets.UTF_8));
      assertThat(got.await(10, TimeUnit.SECONDS)).as("delivered on " + queue).isTrue();
    }
  }

  /**
   * Declaring with {@code x-queue-type: quorum} passes only on a quorum queue; one with a leader
   * locator refuses it for that argument, not for the type.
   */
  private static boolean isQuorum(RabbitBus bus, String queue) throws Exception {
    Connection c = bus.connection();
    Channel ch = c.createChannel();
    try {
      ch.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
      return true;
    } catch (java.io.IOException e) {
      // Refused over the type, or over a mode, which only a classic queue has.
      String why = String.valueOf(e.getCause());
      return !why.contains("'x-queue-type'") && !why.contains("'x-queue-mode'");
    } finally {
      if (ch.isOpen()) {
        ch.close();
      }
    }
  }
}
