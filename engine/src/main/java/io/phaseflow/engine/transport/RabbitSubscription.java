package io.phaseflow.engine.transport;

import io.phaseflow.handlers.protocol.MessageBus;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer channels of one {@link RabbitBus#consume} call. A consumer whose channel or
 * subscription was lost (a node of the cluster stopped, the connection recovered elsewhere) is
 * replaced by a new one on {@link #replaceLost()}, which the bus calls every second: the broker
 * redelivers what the lost one held. Closing cancels the consumers (no new deliveries; prefetched
 * ones go back to the queue), waits up to a bound for the deliveries in hand and their deferred
 * acks, then closes the channels; whatever is still unacked then is requeued by the broker. This is
 * what a handler process runs on SIGTERM.
 *
 * <p>Thread-safe; closing twice is harmless.
 */
final class RabbitSubscription implements MessageBus.Subscription {
  private static final Logger log = LoggerFactory.getLogger(RabbitSubscription.class);

  /** Starts one consumer channel on the queue. */
  @FunctionalInterface
  interface Starter {
    ConsumerChannel start() throws IOException;
  }

  private final String queue;
  private final List<ConsumerChannel> channels = new CopyOnWriteArrayList<>();
  private final Starter starter;
  private final long timeoutMillis;
  private final Consumer<RabbitSubscription> onClose;
  private boolean closed;

  RabbitSubscription(
      String queue, Starter starter, long timeoutMillis, Consumer<RabbitSubscription> onClose) {
    this.queue = queue;
    this.starter = starter;
    this.timeoutMillis = timeoutMillis;
    this.onClose = onClose;
  }

  /** Starts one more consumer channel. */
  synchronized void add() throws IOException {
    channels.add(starter.start());
  }

  /**
   * Replaces each lost consumer by a new channel and consumer; one that cannot be started yet (the
   * queue has no leader for a moment, the connection is still recovering) is tried on the next
   * call.
   */
  synchronized void replaceLost() {
    for (int i = 0; i < channels.size() && !closed; i++) {
      ConsumerChannel old = channels.get(i);
      if (!old.lost()) {
        continue;
      }
      try {
        ConsumerChannel fresh = starter.start();
        channels.set(i, fresh);
        old.close();
        log.info("consuming {} again on a new channel after its consumer was lost", queue);
      } catch (IOException | RuntimeException e) {
        log.debug("cannot consume {} again yet: {}", queue, e.toString());
      }
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
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
