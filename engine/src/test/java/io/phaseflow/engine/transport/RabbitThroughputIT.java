package io.phaseflow.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.phaseflow.engine.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A throughput sanity check, printed rather than asserted: 20,000 small persistent, confirmed,
 * manually acked messages, published by one thread outside any delivery, each republished by a
 * consumer to a second queue (its ack deferred until that confirm) and consumed there.
 */
class RabbitThroughputIT {
  private static final int MESSAGES = 20_000;
  private static final int BATCH = 1_000;

  @Test
  void twentyThousandMessagesThroughTwoQueues() throws Exception {
    String prefix = "pftest." + UUID.randomUUID().toString().substring(0, 8);
    String first = prefix + ".first";
    String second = prefix + ".second";
    AmqpSettings settings = AmqpSettings.parse(TestServers.amqpUrl());
    RabbitBus bus = RabbitBus.connect(settings, 3, 100, prefix + ".dead-letter");
    try {
      CountDownLatch arrived = new CountDownLatch(MESSAGES);
      var relay = bus.consume(first, 1, body -> bus.publish(second, body));
      var sink = bus.consume(second, 1, body -> arrived.countDown());
      byte[] body = "{\"job\":1,\"payload\":\"x\"}".getBytes(StandardCharsets.UTF_8);

      long start = System.nanoTime();
      for (int sent = 0; sent < MESSAGES; sent += BATCH) {
        List<CompletableFuture<Void>> confirms = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
          confirms.add(bus.publishAsync(first, body));
        }
        CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new)).join();
      }
      long published = System.nanoTime();
      assertThat(arrived.await(120, TimeUnit.SECONDS)).isTrue();
      long done = System.nanoTime();
      relay.close();
      sink.close();

      System.out.printf(
          "RabbitBus throughput: %,d messages; published and confirmed in %,d ms (%,.0f msg/s);"
              + " through both queues in %,d ms (%,.0f msg/s end to end)%n",
          MESSAGES,
          (published - start) / 1_000_000,
          MESSAGES / ((published - start) / 1e9),
          (done - start) / 1_000_000,
          MESSAGES / ((done - start) / 1e9));
    } finally {
      bus.close();
      ConnectionFactory factory = new ConnectionFactory();
      settings.configure(factory);
      try (Connection admin = factory.newConnection();
          Channel ch = admin.createChannel()) {
        for (String q : List.of(first, second, prefix + ".dead-letter")) {
          ch.queueDelete(q);
        }
      }
    }
  }
}
