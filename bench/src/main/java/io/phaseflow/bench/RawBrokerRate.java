package io.phaseflow.bench;

import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.protocol.MessageBus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The broker's own rate for the messages Phaseflow sends: durable queue, persistent messages,
 * publisher confirms, manual acks; one producer and one consumer, through the same {@link
 * RabbitBus} the engine uses. The ceiling any workflow engine on this broker can reach.
 */
final class RawBrokerRate {
  private static final int WINDOW = 1000;

  private RawBrokerRate() {}

  /** Messages per second through {@code queue}, from first publish to last consumed. */
  static double measure(RabbitBus bus, String queue, int messages) throws Exception {
    CountDownLatch consumed = new CountDownLatch(messages);
    byte[] body = "{\"workflowId\":\"mwtmfzu2-ufhyfg\",\"entry\":1,\"job\":3}".getBytes();
    MessageBus.Subscription consumer = bus.consume(queue, 1, b -> consumed.countDown());
    try {
      long start = System.nanoTime();
      List<CompletableFuture<Void>> window = new ArrayList<>(WINDOW);
      for (int i = 0; i < messages; i++) {
        window.add(bus.publishAsync(queue, body));
        if (window.size() == WINDOW) {
          CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).join();
          window.clear();
        }
      }
      CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).join();
      if (!consumed.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException(consumed.getCount() + " raw messages never arrived");
      }
      return messages / ((System.nanoTime() - start) / 1e9);
    } finally {
      consumer.close();
    }
  }
}
