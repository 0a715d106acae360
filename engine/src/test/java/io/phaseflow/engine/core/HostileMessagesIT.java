package io.phaseflow.engine.core;

import static io.phaseflow.engine.testing.DefinitionBuilder.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.phaseflow.engine.plan.Compiler;
import io.phaseflow.engine.plan.Plan;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisStateStore;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.InMemoryBus;
import io.phaseflow.engine.transport.NamespacedBus;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.Queues;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Every hostile message published to an engine's queues, with engine consumers running, lands in
 * the dead letters exactly once with its reason, and leaves its queue empty: on the embedded
 * in-memory bus, and on real RabbitMQ and Redis under a namespace of its own.
 */
class HostileMessagesIT {
  /** The definition the forged start names: loaded, so only the check at the edge stops it. */
  private static final Plan W1 =
      new Compiler().compile(workflow("w1").initial("a", "done", null).end("done").build());

  /** Long enough for a looping message to be delivered again many times over. */
  private static final long SETTLE_MILLIS = 1500;

  @Test
  void onTheEmbeddedBusEachGoesToTheDeadLettersOnceWithItsReason() throws Exception {
    try (Embedded embedded = new Embedded(new HandlerRegistry(), 1, WorkflowListener.NONE)) {
      embedded.engine().plans().add(W1);
      InMemoryBus bus = embedded.bus();
      HostileMessages.ALL.forEach(c -> bus.publish(c.queue(), c.bytes()));

      await("all were dead-lettered", () -> bus.deadLetters().size() >= HostileMessages.ALL.size());
      Thread.sleep(SETTLE_MILLIS);

      List<Letter> letters =
          bus.deadLetters().stream()
              .map(
                  d ->
                      new Letter(
                          d.queue(), new String(d.body(), StandardCharsets.UTF_8), d.reason()))
              .toList();
      assertEachOnceWithItsReason(letters, q -> q);
      for (String q : Queues.ENGINE) {
        assertThat(bus.depth(q)).as(q).hasValue(0);
      }
      assertThat(embedded.engine().store().workflow(HostileMessages.FORGED_ID)).isEmpty();
    }
  }

  @Test
  void onRabbitMqEachGoesToTheNamespacesDeadLettersOnceWithItsReason() throws Exception {
    String namespace = RedisCleanup.uniquePrefix("pfhostile");
    AmqpSettings settings =
        AmqpSettings.parse(TestServers.amqpUrl()).withConnectionName("pfhostile-engine");
    RedisConnector redis = new RedisConnector(TestServers.redisSettings());
    StateStore store = RedisStateStore.connect(redis, namespace, Duration.ofMinutes(10));
    RabbitBus rabbit = RabbitBus.connect(settings);
    NamespacedBus bus = new NamespacedBus(rabbit, namespace);
    String deadLetters = RabbitBus.deadLetterQueue(namespace);
    try (Engine engine = Engine.builder().store(store).bus(bus).concurrency(2).build();
        Connection admin = adminConnection();
        Channel ch = admin.createChannel()) {
      engine.plans().add(W1);
      engine.start();
      HostileMessages.ALL.forEach(c -> bus.publish(c.queue(), c.bytes()));

      List<Letter> letters = new ArrayList<>();
      await(
          "all were dead-lettered",
          () -> drain(ch, deadLetters, letters) >= HostileMessages.ALL.size());
      Thread.sleep(SETTLE_MILLIS);
      drain(ch, deadLetters, letters);

      assertEachOnceWithItsReason(letters, bus::name);
      for (String q : Queues.ENGINE) {
        assertThat(ch.queueDeclarePassive(bus.name(q)).getMessageCount()).as(q).isZero();
        assertThat(ch.queueDeclarePassive(bus.name(q)).getConsumerCount()).as(q).isEqualTo(2);
      }
      assertThat(store.workflow(HostileMessages.FORGED_ID)).isEmpty();
    } finally {
      rabbit.deleteNamespace(namespace, List.of());
      rabbit.close();
      store.close();
      RedisCleanup.deletePrefix(redis, namespace);
      redis.close();
    }
  }

  /** A dead letter as a test reads it: where it came from, what it was, and why. */
  private record Letter(String queue, String body, String reason) {}

  private static void assertEachOnceWithItsReason(
      List<Letter> letters, java.util.function.UnaryOperator<String> queueName) {
    assertThat(letters).hasSize(HostileMessages.ALL.size());
    for (HostileMessages.Case c : HostileMessages.ALL) {
      assertThat(letters)
          .as(c.body() + " on " + c.queue())
          .filteredOn(
              l -> l.queue().equals(queueName.apply(c.queue())) && l.body().equals(c.body()))
          .singleElement()
          .satisfies(l -> assertThat(l.reason()).contains(c.reason()));
    }
  }

  private static int drain(Channel ch, String queue, List<Letter> into) {
    try {
      for (GetResponse r; (r = ch.basicGet(queue, true)) != null; ) {
        Map<String, Object> h = r.getProps().getHeaders();
        into.add(
            new Letter(
                String.valueOf(h.get("x-phaseflow-queue")),
                new String(r.getBody(), StandardCharsets.UTF_8),
                String.valueOf(h.get("x-phaseflow-reason"))));
      }
      return into.size();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read " + queue, e);
    }
  }

  private static Connection adminConnection() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(TestServers.amqpUrl());
    return factory.newConnection("pfhostile-admin");
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }
}
