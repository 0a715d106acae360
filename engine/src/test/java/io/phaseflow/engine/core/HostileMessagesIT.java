package io.phaseflow.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisStateStore;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.NamespacedBus;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.protocol.Queues;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every hostile message published to an engine's queues, with engine consumers running, lands in
 * the dead letters exactly once with its reason, and leaves its queue empty: on real RabbitMQ and
 * Redis under a namespace of its own ({@link HostileMessagesTest}: on the embedded bus).
 */
class HostileMessagesIT {
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
      engine.plans().add(HostileMessages.W1);
      engine.start();
      HostileMessages.ALL.forEach(c -> bus.publish(c.queue(), c.bytes()));

      List<HostileMessages.Letter> letters = new ArrayList<>();
      HostileMessages.await(
          "all were dead-lettered",
          () -> drain(ch, deadLetters, letters) >= HostileMessages.ALL.size());
      Thread.sleep(HostileMessages.SETTLE_MILLIS);
      drain(ch, deadLetters, letters);

      HostileMessages.assertEachOnceWithItsReason(letters, bus::name);
      for (String q : Queues.ENGINE) {
        assertThat(ch.queueDeclarePassive(bus.name(q)).getMessageCount()).as(q).isZero();
        assertThat(ch.queueDeclarePassive(bus.name(q)).getConsumerCount()).as(q).isEqualTo(2);
      }
      assertThat(store.workflow(HostileMessages.FORGED_ID)).isEmpty();
      assertThat(store.workflow(HostileMessages.NEWER_ID)).isEmpty();
    } finally {
      rabbit.deleteNamespace(namespace, List.of());
      rabbit.close();
      store.close();
      RedisCleanup.deletePrefix(redis, namespace);
      redis.close();
    }
  }

  private static int drain(Channel ch, String queue, List<HostileMessages.Letter> into) {
    try {
      for (GetResponse r; (r = ch.basicGet(queue, true)) != null; ) {
        Map<String, Object> h = r.getProps().getHeaders();
        into.add(
            new HostileMessages.Letter(
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
}
