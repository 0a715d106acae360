package io.phaseflow.handlers.protocol;

import java.util.List;
import java.util.OptionalLong;

/**
 * The queues between engine and handlers: in memory for the embedded mode, RabbitMQ for a cluster.
 *
 * <p>Delivery is at least once: a message is acknowledged only after its consumer returned
 * normally, so a consumer must make its effect idempotent. Thread-safety: implementations are
 * thread-safe.
 */
public interface MessageBus extends AutoCloseable {

  /** Publishes a persistent message; returns once the bus has accepted it. */
  void publish(String queue, byte[] body);

  /**
   * Publishes several messages and returns once the bus has accepted all of them; a bus may wait
   * for their confirms together instead of one by one.
   */
  default void publishAll(List<Message> messages) {
    for (Message m : messages) {
      publish(m.queue(), m.body());
    }
  }

  /** A message to publish. */
  record Message(String queue, byte[] body) {}

  /**
   * Starts {@code concurrency} consumers on {@code queue}. A consumer that returns acknowledges the
   * message. One that throws {@link Messages.MalformedMessageException} sends it to the dead
   * letters with the exception's message as the reason, once. Any other exception has it
   * redelivered: without bound when the bus knows the failure to be transient (the engine's
   * retryable errors: a server down), otherwise a bounded number of times, after which it too is
   * dead-lettered, with the exception as the reason.
   */
  Subscription consume(String queue, int concurrency, Consumer consumer);

  /**
   * Messages ready in {@code queue} (waiting for a consumer; not those delivered and not yet
   * acknowledged), for monitoring. Never creates the queue and never throws for a missing one.
   *
   * @return empty when the queue does not exist, or when this bus cannot tell
   */
  default OptionalLong depth(String queue) {
    return OptionalLong.empty();
  }

  @Override
  void close();

  /** Receives one message body. */
  @FunctionalInterface
  interface Consumer {
    void accept(byte[] body) throws Exception;
  }

  /** A running set of consumers. */
  interface Subscription extends AutoCloseable {
    /** Stops taking new messages, waits for the ones in hand, then returns. */
    @Override
    void close();
  }
}
