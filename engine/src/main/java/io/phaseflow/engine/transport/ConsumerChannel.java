package io.phaseflow.engine.transport;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;
import io.phaseflow.handlers.protocol.MessageBus;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer on its own channel: amqp-client hands it one delivery at a time. Publishes made
 * while a delivery is handled go out on this channel with confirms, and the delivery is acked only
 * after all of them were confirmed ({@link ConfirmTracker}); the ack is then sent from {@code
 * acker}, never from the connection's I/O thread that reports the confirms. A delivery whose
 * consumer throws is handled as {@link FailedDelivery} decides; its dead letter or its counted copy
 * is published the same way, so the original is acked only once that is confirmed.
 *
 * <p>Thread-safety: deliveries run on one consumer thread at a time; confirms, channel loss and
 * {@link #cancel()} come from other threads. Publishing and acking are serialized on {@code lock}.
 */
final class ConsumerChannel extends DefaultConsumer {
  private static final Logger log = LoggerFactory.getLogger(ConsumerChannel.class);
  private static final ThreadLocal<ConsumerChannel> CURRENT = new ThreadLocal<>();

  private final Object owner;
  private final String queue;
  private final MessageBus.Consumer consumer;
  private final Executor acker;
  private final Object lock = new Object();
  private final ConfirmTracker tracker = new ConfirmTracker();
  private final DeliveryFailures failures;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean closing;
  private volatile boolean lost;
  private volatile String consumerTag;

  private ConsumerChannel(
      Channel channel,
      Object owner,
      String queue,
      String deadLetterQueue,
      MessageBus.Consumer consumer,
      Executor acker) {
    super(channel);
    this.owner = owner;
    this.queue = queue;
    this.consumer = consumer;
    this.acker = acker;
    this.failures =
        new DeliveryFailures(
            queue,
            deadLetterQueue,
            this::publish,
            owner instanceof RabbitBus bus ? bus::countDeadLetter : DeadLetterCounter.NONE);
  }

  /** Opens a channel with confirms and {@code prefetch}, and starts consuming {@code queue}. */
  static ConsumerChannel start(
      Connection connection,
      int prefetch,
      Object owner,
      String queue,
      String deadLetterQueue,
      MessageBus.Consumer consumer,
      Executor acker)
      throws IOException {
    Channel channel = connection.createChannel();
    ConsumerChannel c =
        new ConsumerChannel(channel, owner, queue, deadLetterQueue, consumer, acker);
    channel.basicQos(prefetch);
    channel.confirmSelect();
    channel.addConfirmListener(
        (seq, multiple) -> c.settle(c.tracker.confirmed(seq, multiple)),
        (seq, multiple) -> c.settle(c.tracker.refused(seq, multiple)));
    channel.addShutdownListener(
        cause -> {
          c.lost = true;
          c.forget();
        });
    if (channel instanceof Recoverable recoverable) {
      // Sequence numbers and delivery tags of the recovered channel start afresh. The client does
      // not recover consumers (RabbitBus filters them out): the subscription starts a new one.
      recoverable.addRecoveryListener(
          new RecoveryListener() {
            @Override
            public void handleRecovery(Recoverable r) {
              c.lost = true;
              c.forget();
            }

            @Override
            public void handleRecoveryStarted(Recoverable r) {}
          });
    }
    c.consumerTag = channel.basicConsume(queue, false, c);
    return c;
  }

  /** The channel handling a delivery on this thread, if it belongs to {@code owner}. */
  static ConsumerChannel current(Object owner) {
    ConsumerChannel c = CURRENT.get();
    return c != null && c.owner == owner ? c : null;
  }

  /** Publishes on this channel; the current delivery's ack waits for the confirm. */
  void publish(String target, AMQP.BasicProperties props, byte[] body) throws IOException {
    synchronized (lock) {
      long seq = getChannel().getNextPublishSeqNo();
      tracker.published(seq);
      try {
        getChannel().basicPublish("", target, props, body);
      } catch (IOException | RuntimeException e) {
        tracker.abandoned(seq);
        throw e;
      }
    }
  }

  @Override
  public void handleDelivery(
      String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
    long deliveryTag = envelope.getDeliveryTag();
    if (closing) {
      // Prefetched before basic.cancel: hand it back at once for another consumer.
      send(() -> getChannel().basicReject(deliveryTag, true));
      return;
    }
    inFlight.incrementAndGet();
    long epoch = tracker.epoch();
    long firstSeq;
    synchronized (lock) {
      firstSeq = getChannel().getNextPublishSeqNo();
    }
    CURRENT.set(this);
    try {
      consumer.accept(body);
    } catch (Exception e) {
      // Dead-lettering and counted redelivery publish on this channel: the delivery is acked
      // below once that publish is confirmed, or handed back if it cannot be made.
      if (!failures.handle(body, props, e)) {
        nackLater(deliveryTag);
        return;
      }
    } finally {
      CURRENT.remove();
    }
    long nextSeq;
    synchronized (lock) {
      nextSeq = getChannel().getNextPublishSeqNo();
    }
    switch (tracker.completed(epoch, deliveryTag, firstSeq, nextSeq)) {
      case ACK -> finish(() -> getChannel().basicAck(deliveryTag, false), 1);
      case NACK -> finish(() -> getChannel().basicNack(deliveryTag, false, true), 1);
      case STALE -> inFlight.decrementAndGet();
      case DEFERRED -> {} // settle() acks it when the confirms arrive
    }
  }

  /** Waits a little so that a failing dependency does not turn redelivery into a hot loop. */
  private void nackLater(long deliveryTag) {
    DeliveryFailures.pause();
    finish(() -> getChannel().basicNack(deliveryTag, false, true), 1);
  }

  private void settle(ConfirmTracker.Settled settled) {
    if (settled.isEmpty()) {
      return;
    }
    acker.execute(
        () ->
            finish(
                () -> {
                  // Deliveries settle in tag order, so one multiple-ack usually covers a batch.
                  if (settled.ackUpTo() > 0) {
                    getChannel().basicAck(settled.ackUpTo(), true);
                  } else {
                    for (long tag : settled.acks()) {
                      getChannel().basicAck(tag, false);
                    }
                  }
                  for (long tag : settled.nacks()) {
                    getChannel().basicNack(tag, false, true);
                  }
                },
                settled.acks().size() + settled.nacks().size()));
  }

  /** Sends an ack or nack; a failure means the channel is gone and the broker redelivers. */
  private void finish(ChannelAction action, int deliveries) {
    try {
      send(action);
    } finally {
      inFlight.addAndGet(-deliveries);
    }
  }

  private void send(ChannelAction action) {
    try {
      synchronized (lock) {
        action.run();
      }
    } catch (IOException | ShutdownSignalException e) {
      log.debug("cannot settle a delivery from {}; the broker will redeliver it: {}", queue, e);
    }
  }

  private void forget() {
    int dropped = tracker.reset();
    inFlight.addAndGet(-dropped);
  }

  /**
   * The broker cancelled this consumer (its queue was deleted, or its leader moved away on a node
   * loss): the subscription starts a new one.
   */
  @Override
  public void handleCancel(String tag) {
    lost = true;
  }

  /**
   * The channel or its consumer is gone (a connection loss, a channel error, a cancel) and this
   * consumer was not stopped on purpose: it gets no more deliveries and must be replaced.
   */
  boolean lost() {
    return lost && !closing;
  }

  /** Stops new deliveries; those already prefetched are handed back. */
  void cancel() {
    closing = true;
    try {
      getChannel().basicCancel(consumerTag);
    } catch (IOException | ShutdownSignalException e) {
      log.debug("cannot cancel the consumer of {}: {}", queue, e.toString());
    }
  }

  /** Deliveries being handled or waiting for confirms. */
  int inFlight() {
    return inFlight.get();
  }

  void close() {
    try {
      if (getChannel().isOpen()) {
        getChannel().close();
      }
    } catch (IOException | java.util.concurrent.TimeoutException | ShutdownSignalException e) {
      log.debug("closing a channel of {}: {}", queue, e.toString());
    }
  }

  @FunctionalInterface
  private interface ChannelAction {
    void run() throws IOException;
  }
}
