package io.phaseflow.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.handlers.protocol.MessageBus;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A consumer the broker cancels (as when a cluster node with its queue's leader stops, or the queue
 * is deleted and declared again) is started again by its subscription: the client's own consumer
 * recovery does not cover a cancel, and tries only once after a connection loss.
 */
class ConsumerRecoveryIT {

  @Test
  void aConsumerCancelledByTheBrokerConsumesAgain() throws Exception {
    String queue = RedisCleanup.uniquePrefix("pfrecover") + ".phaseflow.q";
    try (RabbitBus bus =
        RabbitBus.connect(
            AmqpSettings.parse(TestServers.amqpUrl()).withConnectionName("pfrecover"))) {
      CountDownLatch got = new CountDownLatch(1);
      try (MessageBus.Subscription s = bus.consume(queue, 1, body -> got.countDown());
          Channel admin = bus.connection().createChannel()) {
        admin.queueDelete(queue); // the broker cancels the consumer
        admin.queueDeclare(queue, true, false, false, null);
        admin.basicPublish(
            "", queue, RabbitBus.PERSISTENT_JSON, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(got.await(10, TimeUnit.SECONDS))
            .as("delivered to the consumer started again")
            .isTrue();
      } finally {
        bus.deleteQueue(queue);
        bus.deleteQueue(QueueDeclarer.markerOf(queue));
      }
    }
  }
}
