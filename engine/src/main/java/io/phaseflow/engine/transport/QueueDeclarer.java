package io.phaseflow.engine.transport;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.ServerUnavailable;
import io.phaseflow.engine.StateConflict;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declares queues once per name: durable, not exclusive, not auto-deleted, with the arguments of
 * their namespace. A namespace's queue type belongs to the broker, not to each process: the first
 * queue declared under a namespace creates its dead-letter queue ({@link #markerOf}) with the type
 * the settings ask for, and from then on every process declares that namespace's queues with the
 * type its dead-letter queue has, whatever its own settings say. A queue that exists with another
 * type or leader locator all the same is followed too, with a warning ({@link QueueArguments}).
 *
 * <p>Uses one long-lived channel so that topology recovery can redeclare the queues on it after a
 * connection loss; a refused declaration closes that channel, so it is then replaced.
 *
 * <p>Thread-safe: declarations are serialized on this object; known names are read without a lock.
 */
final class QueueDeclarer {
  private static final Logger log = LoggerFactory.getLogger(QueueDeclarer.class);
  private static final int FOLLOWS = 3; // type, then leader locator, then one to spare

  private final Connection connection;
  private final AmqpSettings settings;
  private final QueueArguments wanted;
  private final Set<String> declared = ConcurrentHashMap.newKeySet();
  private final Map<String, QueueArguments> namespaces = new HashMap<>(); // by dead-letter queue
  private Channel channel;

  QueueDeclarer(Connection connection, AmqpSettings settings) {
    this.connection = connection;
    this.settings = settings;
    this.wanted = QueueArguments.of(settings.quorumQueues());
  }

  /**
   * The queue whose type is its namespace's: {@code NS.phaseflow.dead-letter} for {@code
   * NS.phaseflow.*}, {@code phaseflow.dead-letter} for the default namespace's {@code phaseflow.*},
   * the queue itself for any other name.
   */
  static String markerOf(String queue) {
    String[] parts = queue.split("\\.", 3);
    if (parts.length == 3 && parts[1].equals("phaseflow")) {
      return parts[0] + "." + RabbitBus.DEAD_LETTER_QUEUE;
    }
    return parts.length >= 2 && parts[0].equals("phaseflow") ? RabbitBus.DEAD_LETTER_QUEUE : queue;
  }

  void declare(String queue) {
    if (declared.contains(queue)) {
      return;
    }
    synchronized (this) {
      if (declared.contains(queue)) {
        return;
      }
      String marker = markerOf(queue);
      QueueArguments arguments = namespaces.get(marker);
      if (arguments == null) {
        arguments = settle(marker);
        namespaces.put(marker, arguments);
      }
      if (!queue.equals(marker)) {
        QueueArguments actual = declareFollowing(queue, arguments);
        if (!actual.equals(arguments)) {
          log.warn(
              "queue '{}' is a {} queue with {}, unlike its namespace's {}: declared as it is",
              queue,
              actual.typeName(),
              actual.map(),
              arguments.map());
        }
      }
      declared.add(queue);
    }
  }

  /**
   * The arguments of the namespace of {@code marker}: those it was created with, or the wanted ones
   * when this creates it. A classic declaration of an existing quorum queue passes on some broker
   * versions, so an existing marker is asked with the quorum arguments, which pass only on a quorum
   * queue.
   */
  private QueueArguments settle(String marker) {
    boolean exists = !wanted.quorum() && count(marker, true).isPresent();
    QueueArguments actual = declareFollowing(marker, exists ? QueueArguments.QUORUM : wanted);
    if (actual.quorum() != wanted.quorum()) {
      log.info(
          "the queues of '{}' are {} queues on {} (as its dead-letter queue '{}' is): declaring"
              + " them so; quorum queues are chosen when a namespace's first queue is created",
          marker.equals(RabbitBus.DEAD_LETTER_QUEUE) ? "the default namespace" : marker,
          actual.typeName(),
          settings.redacted(),
          marker);
    }
    return actual;
  }

  /** Declares {@code queue} with {@code arguments}, or with those it exists with. */
  private QueueArguments declareFollowing(String queue, QueueArguments arguments) {
    for (int attempt = 1; ; attempt++) {
      try {
        channel().queueDeclare(queue, true, false, false, arguments.forDeclare());
        return arguments;
      } catch (IOException | ShutdownSignalException e) {
        Optional<QueueArguments> existing =
            attempt < FOLLOWS ? arguments.following(reason(e)) : Optional.empty();
        if (existing.isEmpty()) {
          throw refused(queue, e);
        }
        arguments = existing.get();
      }
    }
  }

  /**
   * Messages ready in a queue, from a passive declare on a channel of its own: a missing queue
   * makes the broker close the channel it was asked on, and that must not be the declaring one.
   *
   * @return empty when the queue does not exist
   */
  OptionalLong messageCount(String queue) {
    return count(queue, true);
  }

  /**
   * Consumers subscribed to a queue, asked as {@link #messageCount} is.
   *
   * @return empty when the queue does not exist
   */
  OptionalLong consumerCount(String queue) {
    return count(queue, false);
  }

  private OptionalLong count(String queue, boolean messages) {
    Channel ch = null;
    try {
      ch = connection.createChannel();
      if (ch == null) {
        throw new IOException("the connection has no channel left (channel_max reached)");
      }
      AMQP.Queue.DeclareOk ok = ch.queueDeclarePassive(queue);
      return OptionalLong.of(messages ? ok.getMessageCount() : ok.getConsumerCount());
    } catch (IOException | ShutdownSignalException e) {
      if (replyCode(e) == AMQP.NOT_FOUND) {
        return OptionalLong.empty();
      }
      throw new ServerUnavailable(
          "cannot read the "
              + (messages ? "depth" : "consumers")
              + " of queue '"
              + queue
              + "' on "
              + settings.redacted()
              + " ("
              + reason(e)
              + "); is the broker reachable?",
          e);
    } finally {
      closeQuietly(ch);
    }
  }

  private static void closeQuietly(Channel ch) {
    if (ch != null && ch.isOpen()) {
      try {
        ch.close();
      } catch (IOException | TimeoutException | ShutdownSignalException e) {
        // it closed on its own meanwhile: nothing left to release
      }
    }
  }

  /** Deletes a queue and its messages (benchmarks and tests clean up after themselves). */
  synchronized void delete(String queue) {
    declared.remove(queue);
    namespaces.remove(queue);
    try {
      channel().queueDelete(queue);
    } catch (IOException | ShutdownSignalException e) {
      throw refused(queue, e);
    }
  }

  private Channel channel() throws IOException {
    if (channel == null || !channel.isOpen()) {
      channel = connection.createChannel();
    }
    return channel;
  }

  private PhaseflowException refused(String queue, Exception e) {
    String reason = reason(e);
    boolean inequivalent = reason.contains("PRECONDITION_FAILED");
    String message =
        "cannot declare queue '"
            + queue
            + "' on "
            + settings.redacted()
            + " ("
            + reason
            + ")"
            + (inequivalent
                ? "; the queue exists with other arguments than Phaseflow declares: delete it (it"
                    + " is declared afresh) or change its arguments with a policy instead"
                : "; is the broker reachable?");
    // A queue declared with other settings stays so until someone changes one side: retrying is
    // pointless; any other refusal is the broker's and may pass.
    return inequivalent ? new StateConflict(message, e) : new ServerUnavailable(message, e);
  }

  /** The broker's reply code for a channel it closed (404 for a missing queue), or 0. */
  private static int replyCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ShutdownSignalException s
          && s.getReason() instanceof AMQP.Channel.Close close) {
        return close.getReplyCode();
      }
    }
    return 0;
  }

  /** The broker's own words (e.g. "PRECONDITION_FAILED - inequivalent arg ..."), when it spoke. */
  private static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ShutdownSignalException s) {
        return s.getReason() instanceof AMQP.Channel.Close close
            ? close.getReplyText()
            : s.getMessage();
      }
    }
    return e.toString();
  }
}
