package io.phaseflow.handlers.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A synchronous {@link MessageBus} for tests: {@link #deliver} hands a body straight to the queue's
 * consumer on the calling thread and lets whatever it throws propagate, so a test sees exactly what
 * a real bus would ack, redeliver or dead-letter. Thread-safe.
 */
final class InMemoryTestBus implements MessageBus {
  private final Map<String, List<byte[]>> published = new ConcurrentHashMap<>();
  private final Map<String, Consumer> consumers = new ConcurrentHashMap<>();
  private final Map<String, Integer> concurrency = new ConcurrentHashMap<>();

  @Override
  public void publish(String queue, byte[] body) {
    published.computeIfAbsent(queue, q -> new CopyOnWriteArrayList<>()).add(body.clone());
  }

  @Override
  public Subscription consume(String queue, int concurrency, Consumer consumer) {
    if (consumers.putIfAbsent(queue, consumer) != null) {
      throw new IllegalStateException("queue " + queue + " already has a consumer in this test");
    }
    this.concurrency.put(queue, concurrency);
    return () -> {
      consumers.remove(queue, consumer);
      this.concurrency.remove(queue);
    };
  }

  /** Delivers {@code body} to the consumer of {@code queue}; its exception is the bus's nack. */
  void deliver(String queue, byte[] body) throws Exception {
    Consumer consumer = consumers.get(queue);
    if (consumer == null) {
      throw new IllegalStateException("nothing consumes " + queue + "; consumed: " + queues());
    }
    consumer.accept(body);
  }

  /** The bodies published on {@code queue}, oldest first. */
  List<byte[]> published(String queue) {
    return new ArrayList<>(published.getOrDefault(queue, List.of()));
  }

  /** The queues with a consumer, and how many instances each asked for. */
  Map<String, Integer> queues() {
    return Map.copyOf(concurrency);
  }

  @Override
  public void close() {
    consumers.clear();
    concurrency.clear();
  }
}
