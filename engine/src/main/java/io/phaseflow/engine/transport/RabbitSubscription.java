package io.phaseflow.engine.transport;

import io.phaseflow.handlers.protocol.MessageBus;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer channels of one {@link RabbitBus#consume} call. Closing cancels the consumers (no
 * new deliveries; prefetched ones go back to the queue), waits up to a bound for the deliveries in
 * hand and their deferred acks, then closes the channels; whatever is still unacked then is
 * requeued by the broker. This is what a handler process runs on SIGTERM.
 *
 * <p>Thread-safe; closing twice is harmless.
 */
final class RabbitSubscription implements MessageBus.Subscription {
  private static final Logger log = LoggerFactory.getLogger(RabbitSubscription.class);

  private final String queue;
  private final List<ConsumerChannel> channels;
  private final long timeoutMillis;
  private final Consumer<RabbitSubscription> onClose;
  private boolean closed;

  RabbitSubscription(
      String queue,
      List<ConsumerChannel> channels,
      long timeoutMillis,
      Consumer<RabbitSubscription> onClose) {
    this.queue = queue;
    this.channels = channels;
    this.timeoutMillis = timeoutMillis;
    this.onClose = onClose;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    channels.forEach(ConsumerChannel::cancel);
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (inFlight() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    int left = inFlight();
    if (left > 0) {
      log.warn(
          "closing the consumers of {} with {} message(s) still in hand after {} ms;"
              + " the broker redelivers them",
          queue,
          left,
          timeoutMillis);
    }
    channels.forEach(ConsumerChannel::close);
    onClose.accept(this);
  }

  /** Deliveries being handled or waiting for their follow-ups' confirms. */
  int inFlight() {
    return channels.stream().mapToInt(ConsumerChannel::inFlight).sum();
  }
}
