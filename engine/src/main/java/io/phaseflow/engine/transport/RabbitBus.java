package io.phaseflow.engine.transport;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.ServerUnavailable;
import io.phaseflow.engine.dead.DeadLetters;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Queues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The RabbitMQ transport: durable queues, persistent JSON messages, publisher confirms, manual
 * acks. One connection with automatic connection and topology recovery.
 *
 * <p>A publish made while a consumer of this bus handles a delivery goes out on that consumer's
 * channel without waiting, and the delivery is acked only once the broker confirmed all of them: an
 * input is never gone while its follow-ups could still be lost. A publish made elsewhere waits for
 * its confirm ({@link #publishAsync} does not).
 *
 * <p>Thread-safe: every method may be called from any thread. {@link #close()} is meant to be
 * called once, after which the bus must not be used.
 */
public final class RabbitBus implements MessageBus {
  /**
   * Where messages that can never be processed go, with headers naming the reason and the queue,
   * when no namespace is used; a namespace has its own ({@link #deadLetterQueue(String)}).
   */
  public static final String DEAD_LETTER_QUEUE = "phaseflow.dead-letter";

  static final AMQP.BasicProperties PERSISTENT_JSON =
      MessageProperties.PERSISTENT_BASIC.builder().contentType("application/json").build();
  static final long CLOSE_TIMEOUT_MILLIS = 30_000;
  static final long RESUBSCRIBE_MILLIS = 1000;

  private final AmqpSettings settings;
  private final Connection connection;
  private final ExecutorService consumerThreads;
  private final ExecutorService acker;
  private final ScheduledExecutorService watch; // replaces lost consumers
  private final QueueDeclarer declarer;
  private final SharedPublisher publisher;
  private final String deadLetterQueue;
  private final List<RabbitSubscription> subscriptions = new CopyOnWriteArrayList<>();
  private volatile DeadLetterCounter counter = DeadLetterCounter.NONE;

  private RabbitBus(
      AmqpSettings settings,
      Connection connection,
      ExecutorService consumerThreads,
      String deadLetterQueue)
      throws IOException {
    this.settings = settings;
    this.connection = connection;
    this.consumerThreads = consumerThreads;
    this.acker = Executors.newSingleThreadExecutor(DaemonThreads.named("phaseflow-amqp-acks"));
    this.watch =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("phaseflow-amqp-watch"));
    watch.scheduleWithFixedDelay(
        () -> subscriptions.forEach(RabbitSubscription::replaceLost),
        RESUBSCRIBE_MILLIS,
        RESUBSCRIBE_MILLIS,
        TimeUnit.MILLISECONDS);
    this.declarer = new QueueDeclarer(connection, settings);
    this.publisher = SharedPublisher.open(connection, settings.redacted());
    this.deadLetterQueue = deadLetterQueue;
  }

  /**
   * Connects, trying the first connection 5 times with backoff (100 ms doubling); later losses are
   * recovered by the client every second.
   *
   * @throws ServerUnavailable when the broker cannot be reached
   * @throws RejectedInput when it refused the credentials or the vhost
   */
  public static RabbitBus connect(AmqpSettings settings) {
    return connect(settings, 5, 100, DEAD_LETTER_QUEUE);
  }

  /**
   * Connects with {@code attempts} tries of the first connection (1: no retry, for a caller that
   * waits and retries on its own terms).
   */
  public static RabbitBus connect(AmqpSettings settings, int attempts) {
    return connect(settings, attempts, 100, DEAD_LETTER_QUEUE);
  }

  /** With another dead-letter queue, so that tests running side by side see only their own. */
  static RabbitBus connect(
      AmqpSettings settings, int attempts, long initialDelayMillis, String deadLetterQueue) {
    ConnectionFactory factory = AmqpConnector.factory(settings);
    ExecutorService pool =
        settings.consumerThreads() == 0
            ? Executors.newCachedThreadPool(DaemonThreads.named("phaseflow-amqp-consumer"))
            : Executors.newFixedThreadPool(
                settings.consumerThreads(), DaemonThreads.named("phaseflow-amqp-consumer"));
    try {
      Connection connection =
          AmqpConnector.connect(factory, pool, settings, attempts, initialDelayMillis);
      try {
        return new RabbitBus(settings, connection, pool, deadLetterQueue);
      } catch (IOException | RuntimeException e) {
        connection.abort();
        throw e;
      }
    } catch (IOException e) {
      pool.shutdownNow();
      throw new ServerUnavailable(
          "cannot set up the channels on RabbitMQ at " + settings.redacted() + ": " + e, e);
    } catch (RuntimeException e) {
      pool.shutdownNow();
      throw e;
    }
  }

  /**
   * The dead-letter queue of {@code namespace} ({@code NAME.phaseflow.dead-letter}), or of the
   * default namespace when null ({@value #DEAD_LETTER_QUEUE}).
   */
  public static String deadLetterQueue(String namespace) {
    return namespace == null ? DEAD_LETTER_QUEUE : namespace + "." + DEAD_LETTER_QUEUE;
  }

  public AmqpSettings settings() {
    return settings;
  }

  /**
   * Publishes a persistent message. Inside a delivery of this bus it returns at once (the
   * delivery's ack waits for the confirm); elsewhere it waits for the broker's confirm.
   *
   * @throws ServerUnavailable when the broker did not confirm it
   */
  @Override
  public void publish(String queue, byte[] body) {
    declarer.declare(queue);
    ConsumerChannel current = ConsumerChannel.current(this);
    if (current != null) {
      try {
        current.publish(queue, PERSISTENT_JSON, body);
      } catch (IOException | RuntimeException e) {
        throw new ServerUnavailable(
            "cannot publish to queue '" + queue + "' on " + settings.redacted() + ": " + e, e);
      }
      return;
    }
    publisher.await(publishAsync(queue, body), queue);
  }

  /** Outside a delivery: publishes all, then waits for all their confirms at once. */
  @Override
  public void publishAll(List<Message> messages) {
    if (ConsumerChannel.current(this) != null) {
      messages.forEach(m -> publish(m.queue(), m.body()));
      return;
    }
    List<CompletableFuture<Void>> confirms = new ArrayList<>(messages.size());
    for (Message m : messages) {
      confirms.add(publishAsync(m.queue(), m.body()));
    }
    for (int i = 0; i < confirms.size(); i++) {
      publisher.await(confirms.get(i), messages.get(i).queue());
    }
  }

  /**
   * Publishes on the shared channel; the future completes when the broker confirmed the message, or
   * fails with a retryable {@link PhaseflowException}. Publish many, then wait for all, to batch.
   * The future completes on the connection's I/O thread: do not block in its callbacks.
   */
  public CompletableFuture<Void> publishAsync(String queue, byte[] body) {
    declarer.declare(queue);
    return publisher.publish(queue, PERSISTENT_JSON, body);
  }

  /** Consumes {@code queue} with its dead letters going to this bus's dead-letter queue. */
  @Override
  public Subscription consume(String queue, int concurrency, Consumer consumer) {
    return consume(queue, concurrency, consumer, deadLetterQueue);
  }

  /**
   * Consumes {@code queue} with its dead letters going to {@code deadLetterQueue}: a namespace's
   * queues send theirs to the namespace's own ({@link NamespacedBus}).
   */
  public Subscription consume(
      String queue, int concurrency, Consumer consumer, String deadLetterQueue) {
    if (concurrency < 1) {
      throw new RejectedInput(
          "concurrency on queue '" + queue + "' must be at least 1, not " + concurrency);
    }
    declarer.declare(deadLetterQueue); // before any delivery could need it
    declarer.declare(queue);
    RabbitSubscription subscription =
        new RabbitSubscription(
            queue,
            () ->
                ConsumerChannel.start(
                    connection, settings.prefetch(), this, queue, deadLetterQueue, consumer, acker),
            CLOSE_TIMEOUT_MILLIS,
            subscriptions::remove);
    try {
      for (int i = 0; i < concurrency; i++) {
        subscription.add();
      }
    } catch (IOException | RuntimeException e) {
      subscription.close();
      throw new ServerUnavailable(
          "cannot start consumers on queue '" + queue + "' at " + settings.redacted() + ": " + e,
          e);
    }
    subscriptions.add(subscription);
    return subscription;
  }

  /**
   * Messages ready in {@code queue} (not counting those delivered and not yet acked), from a
   * passive declare on a short-lived channel of its own: a missing queue closes only that channel.
   *
   * @return empty when the queue does not exist
   * @throws ServerUnavailable when the broker cannot be asked
   */
  @Override
  public OptionalLong depth(String queue) {
    return declarer.messageCount(queue);
  }

  /**
   * Told of every message this bus's consumers dead-letter, with the queue it came from (replacing
   * the one told before).
   */
  public void countDeadLetters(DeadLetterCounter counter) {
    this.counter = counter;
  }

  void countDeadLetter(String queue, String reasonClass) {
    counter.deadLettered(queue, reasonClass);
  }

  /** The dead letters in {@code deadLetterQueue}, read in place ({@link RabbitDeadLetters}). */
  public DeadLetters deadLetters(String deadLetterQueue) {
    return new RabbitDeadLetters(connection, declarer, deadLetterQueue, settings.redacted());
  }

  /**
   * Consumers subscribed to {@code queue} on the broker, from every process; asked as {@link
   * #depth} is.
   *
   * @return empty when the queue does not exist
   */
  public OptionalLong consumers(String queue) {
    return declarer.consumerCount(queue);
  }

  /** Deletes {@code queue} with its messages; for tools that clean up what they created. */
  public void deleteQueue(String queue) {
    declarer.delete(queue);
  }

  /**
   * Deletes the engine's queues ({@link Queues#ENGINE}), the dead letters and {@code others} under
   * {@code namespace}: what a benchmark or a test created there. A handler's normal queue in {@code
   * others} takes its priority queues with it, as its consumers declared them.
   */
  public void deleteNamespace(String namespace, List<String> others) {
    for (String queue : Queues.ENGINE) {
      deleteQueue(namespace + "." + queue);
    }
    deleteQueue(deadLetterQueue(namespace));
    others.stream()
        .flatMap(queue -> Queues.withPrioritySiblings(queue).stream())
        .forEach(queue -> deleteQueue(namespace + "." + queue));
  }

  /** Stops every subscription (waiting for messages in hand), then closes the connection. */
  @Override
  public void close() {
    watch.shutdown();
    subscriptions.forEach(RabbitSubscription::close);
    publisher.close();
    try {
      if (connection.isOpen()) {
        connection.close(5000);
      }
    } catch (IOException | RuntimeException e) {
      connection.abort();
    } finally {
      watch.shutdownNow();
      acker.shutdown();
      consumerThreads.shutdown();
    }
  }

  /** The connection, for tests that kill it. */
  Connection connection() {
    return connection;
  }
}
