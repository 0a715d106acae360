package io.phaseflow.engine.transport;

import io.phaseflow.engine.dead.DeadLetters;
import io.phaseflow.handlers.protocol.MessageBus;
import java.util.List;
import java.util.OptionalLong;

/**
 * Puts every queue of a bus under a namespace ({@code NS.phaseflow.job-finished}, dead letters in
 * {@code NS.phaseflow.dead-letter}), so several Phaseflow clusters, benchmarks or test runs can
 * share one broker without sharing any queue. Thread-safe when the wrapped bus is.
 */
public final class NamespacedBus implements MessageBus {
  private final MessageBus bus;
  private final String namespace;

  public NamespacedBus(MessageBus bus, String namespace) {
    if (namespace.isBlank() || namespace.contains(" ")) {
      throw new IllegalArgumentException("namespace '" + namespace + "' must be one word");
    }
    this.bus = bus;
    this.namespace = namespace;
  }

  /** The broker's name for {@code queue}. */
  public String name(String queue) {
    return namespace + "." + queue;
  }

  @Override
  public void publish(String queue, byte[] body) {
    bus.publish(name(queue), body);
  }

  @Override
  public void publishAll(List<Message> messages) {
    bus.publishAll(messages.stream().map(m -> new Message(name(m.queue()), m.body())).toList());
  }

  /**
   * On RabbitMQ, what the consumer can never process goes to the namespace's own dead-letter queue
   * ({@link RabbitBus#deadLetterQueue(String)}); the in-memory bus keeps dead letters with their
   * queue's name, which carries the namespace.
   */
  @Override
  public Subscription consume(String queue, int concurrency, Consumer consumer) {
    if (bus instanceof RabbitBus rabbit) {
      return rabbit.consume(name(queue), concurrency, consumer, deadLetterQueue());
    }
    return bus.consume(name(queue), concurrency, consumer);
  }

  /** Where this namespace's dead letters go on RabbitMQ. */
  public String deadLetterQueue() {
    return RabbitBus.deadLetterQueue(namespace);
  }

  /**
   * Told of every message this namespace's consumers dead-letter, with the queue's name inside the
   * namespace (as {@link #depth} takes it).
   */
  public void countDeadLetters(DeadLetterCounter counter) {
    String prefix = name("");
    DeadLetterCounter inner =
        (queue, reasonClass) ->
            counter.deadLettered(
                queue.startsWith(prefix) ? queue.substring(prefix.length()) : queue, reasonClass);
    if (bus instanceof RabbitBus rabbit) {
      rabbit.countDeadLetters(inner);
    } else if (bus instanceof InMemoryBus memory) {
      memory.countDeadLetters(inner);
    }
  }

  /** This namespace's dead letters: its own dead-letter queue, or the in-memory bus's list. */
  public DeadLetters deadLetters() {
    if (bus instanceof RabbitBus rabbit) {
      return rabbit.deadLetters(deadLetterQueue());
    }
    if (bus instanceof InMemoryBus memory) {
      return memory.deadLetterQueue(name(""));
    }
    throw new IllegalArgumentException("no dead letters on a " + bus.getClass().getSimpleName());
  }

  /**
   * Consumers on {@code queue} of this namespace, from every process; empty when the queue does not
   * exist or the bus cannot tell (the in-memory one).
   */
  public OptionalLong consumers(String queue) {
    return bus instanceof RabbitBus rabbit ? rabbit.consumers(name(queue)) : OptionalLong.empty();
  }

  @Override
  public OptionalLong depth(String queue) {
    return bus.depth(name(queue));
  }

  @Override
  public void close() {
    bus.close();
  }
}
