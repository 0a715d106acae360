package io.phaseflow.engine.bench;

import io.phaseflow.handlers.MessageBus;
import java.util.concurrent.atomic.LongAdder;

/** A bus that counts and drops what is published: a benchmark of stored state needs no queues. */
final class DiscardingBus implements MessageBus {
  private final LongAdder published = new LongAdder();

  @Override
  public void publish(String queue, byte[] body) {
    published.increment();
  }

  @Override
  public Subscription consume(String queue, int concurrency, Consumer consumer) {
    return () -> {};
  }

  long published() {
    return published.sum();
  }

  @Override
  public void close() {}
}
