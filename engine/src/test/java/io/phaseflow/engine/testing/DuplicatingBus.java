package io.phaseflow.engine.testing;

import io.phaseflow.handlers.protocol.MessageBus;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a bus and publishes a share of messages twice, as a broker redelivers after a lost ack.
 * Thread-safe when the wrapped bus is.
 */
public final class DuplicatingBus implements MessageBus {
  private final MessageBus bus;
  private final double rate;
  private final Random random;
  private final AtomicInteger duplicates = new AtomicInteger();

  public DuplicatingBus(MessageBus bus, double rate, long seed) {
    this.bus = bus;
    this.rate = rate;
    this.random = new Random(seed);
  }

  @Override
  public void publish(String queue, byte[] body) {
    bus.publish(queue, body);
    boolean again;
    synchronized (random) {
      again = random.nextDouble() < rate;
    }
    if (again) {
      duplicates.incrementAndGet();
      bus.publish(queue, body);
    }
  }

  /** How many messages were published a second time so far. */
  public int duplicates() {
    return duplicates.get();
  }

  @Override
  public OptionalLong depth(String queue) {
    return bus.depth(queue);
  }

  @Override
  public Subscription consume(String queue, int concurrency, Consumer consumer) {
    return bus.consume(queue, concurrency, consumer);
  }

  @Override
  public void close() {
    bus.close();
  }
}
