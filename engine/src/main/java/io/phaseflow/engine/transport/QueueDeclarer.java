package io.phaseflow.engine.transport;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.ServerUnavailable;
import io.phaseflow.engine.StateConflict;
import java.io.IOException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Declares queues once per name: durable, not exclusive, not auto-deleted, quorum when the settings
 * say so. Uses one long-lived channel so that topology recovery can redeclare the queues on it
 * after a connection loss; a refused declaration closes that channel, so it is then replaced.
 *
 * <p>Thread-safe: declarations are serialized on this object; known names are read without a lock.
 */
final class QueueDeclarer {
  private final Connection connection;
  private final AmqpSettings settings;
  private final Map<String, Object> arguments;
  private final Set<String> declared = ConcurrentHashMap.newKeySet();
  private Channel channel;

  QueueDeclarer(Connection connection, AmqpSettings settings) {
    this.connection = connection;
    this.settings = settings;
    this.arguments = settings.quorumQueues() ? Map.of("x-queue-type", "quorum") : null;
  }

  void declare(String queue) {
    if (declared.contains(queue)) {
      return;
    }
    synchronized (this) {
      if (declared.contains(queue)) {
        return;
      }
      try {
        channel().queueDeclare(queue, true, false, false, arguments);
      } catch (IOException | ShutdownSignalException e) {
        throw refused(queue, e);
      }
      declared.add(queue);
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
                ? "; the queue exists with other settings (durable, x-queue-type): delete it or"
                    + " set quorum queues "
                    + (settings.quorumQueues() ? "off" : "on")
                    + " to match"
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
