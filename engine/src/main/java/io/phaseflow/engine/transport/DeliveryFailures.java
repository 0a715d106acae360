package io.phaseflow.engine.transport;

import com.rabbitmq.client.AMQP;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out, for one consumer's queue, what {@link FailedDelivery} decides about a delivery whose
 * consumer threw: publishes its dead letter or its counted copy through the consumer's channel (so
 * the original is acked only once that is confirmed), or has it handed back. Thread-safety: that of
 * the publisher it is given.
 */
final class DeliveryFailures {
  private static final Logger log = LoggerFactory.getLogger(DeliveryFailures.class);

  /** How long a failed delivery waits before it is handed back or counted again. */
  static final long RETRY_BACKOFF_MILLIS = 100;

  private final String queue;
  private final String deadLetterQueue;
  private final Publisher publisher;
  private final DeadLetterCounter counter;

  /** Publishes on the consumer's channel, where the current delivery's ack waits for it. */
  @FunctionalInterface
  interface Publisher {
    void publish(String target, AMQP.BasicProperties props, byte[] body) throws IOException;
  }

  DeliveryFailures(
      String queue, String deadLetterQueue, Publisher publisher, DeadLetterCounter counter) {
    this.counter = counter;
    this.queue = queue;
    this.deadLetterQueue = deadLetterQueue;
    this.publisher = publisher;
  }

  /**
   * Carries out what {@link FailedDelivery} decides for a delivery whose consumer threw.
   *
   * @return true when the delivery is to be acked (its dead letter or its counted copy was
   *     published); false when it is to be handed back to the queue as it is
   */
  boolean handle(byte[] body, AMQP.BasicProperties props, Exception e) {
    Map<String, Object> headers = props == null ? null : props.getHeaders();
    int before =
        FailedDelivery.failures(
            headers == null ? null : headers.get(FailedDelivery.FAILURES_HEADER));
    FailedDelivery decision = FailedDelivery.decide(e, before);
    switch (decision.kind()) {
      case DEAD_LETTER -> {
        return deadLetter(body, decision);
      }
      case REDELIVER_COUNTED -> {
        log.warn(
            "consumer on {} failed ({} of {} tries), redelivering: {}",
            queue,
            decision.failures(),
            FailedDelivery.MAX_FAILURES,
            e.toString());
        pause();
        return republish(body, decision.failures());
      }
      default -> {
        log.warn("consumer on {} failed, redelivering: {}", queue, e.toString());
        return false;
      }
    }
  }

  private boolean deadLetter(byte[] body, FailedDelivery decision) {
    log.warn("dead-lettering a message from {}: {}", queue, decision.reason());
    try {
      publisher.publish(
          deadLetterQueue, DeadLetterHeaders.write(queue, decision, Clock.systemUTC()), body);
      counter.deadLettered(queue, decision.reasonClass());
      return true;
    } catch (IOException | RuntimeException e) {
      log.warn("cannot dead-letter a message from {}, redelivering: {}", queue, e.toString());
      return false;
    }
  }

  /**
   * Puts a copy carrying its failure count at the back of the queue; acking the original once the
   * copy is confirmed is how a count survives redelivery (a classic queue does not count).
   */
  private boolean republish(byte[] body, int failures) {
    AMQP.BasicProperties props =
        RabbitBus.PERSISTENT_JSON
            .builder()
            .headers(Map.of(FailedDelivery.FAILURES_HEADER, failures))
            .build();
    try {
      publisher.publish(queue, props, body);
      return true;
    } catch (IOException | RuntimeException e) {
      log.warn("cannot redeliver a message to {}, handing it back: {}", queue, e.toString());
      return false;
    }
  }

  /** Waits a little so that a failing dependency does not turn redelivery into a hot loop. */
  static void pause() {
    try {
      Thread.sleep(RETRY_BACKOFF_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
