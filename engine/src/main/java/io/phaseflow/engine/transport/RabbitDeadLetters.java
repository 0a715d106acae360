package io.phaseflow.engine.transport;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import io.phaseflow.engine.ServerUnavailable;
import io.phaseflow.engine.StateConflict;
import io.phaseflow.engine.dead.DeadLetters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * A dead-letter queue read in place. RabbitMQ has no random access, so each call takes the queue's
 * messages from its head with {@code basic.get} without acking them, finds what it needs, acks only
 * the letter it requeues or drops, and closes its channel, which hands every other message back to
 * the queue in its place. A letter is thus never copied out of the queue nor removed before its
 * requeued copy is confirmed. Letters held by one call are briefly invisible to another.
 * Thread-safe: each call has a channel of its own.
 */
final class RabbitDeadLetters implements DeadLetters {
  private static final long CONFIRM_TIMEOUT_MILLIS = 10_000;

  private final Connection connection;
  private final QueueDeclarer declarer;
  private final String queue;
  private final String where;

  RabbitDeadLetters(Connection connection, QueueDeclarer declarer, String queue, String where) {
    this.connection = connection;
    this.declarer = declarer;
    this.queue = queue;
    this.where = where;
  }

  private record Held(long tag, Letter letter) {}

  @FunctionalInterface
  private interface Action<T> {
    T apply(Channel channel, List<Held> held, long total)
        throws IOException, InterruptedException, TimeoutException;
  }

  @Override
  public Page list(int limit) {
    return scan(
        Math.max(0, limit),
        (ch, held, total) -> new Page(held.stream().map(Held::letter).toList(), total));
  }

  @Override
  public Optional<Letter> show(String id) {
    return scan(SCAN_LIMIT, (ch, held, total) -> find(held, id).map(Held::letter));
  }

  @Override
  public Letter requeue(String id) {
    return scan(
        SCAN_LIMIT,
        (ch, held, total) -> {
          Held h = find(held, id).orElseThrow(() -> DeadLetters.notFound(id));
          String target = h.letter().queue();
          if ("unknown".equals(target)) {
            throw new StateConflict(
                "dead letter '" + id + "' does not say which queue it came from; drop it instead");
          }
          declarer.declare(target);
          ch.basicPublish("", target, RabbitBus.PERSISTENT_JSON, h.letter().body());
          ch.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS); // the copy is safe: now remove it
          ch.basicAck(h.tag(), false);
          return h.letter();
        });
  }

  @Override
  public Letter drop(String id) {
    return scan(
        SCAN_LIMIT,
        (ch, held, total) -> {
          Held h = find(held, id).orElseThrow(() -> DeadLetters.notFound(id));
          ch.basicAck(h.tag(), false);
          return h.letter();
        });
  }

  private static Optional<Held> find(List<Held> held, String id) {
    return held.stream().filter(h -> h.letter().id().equals(id)).findFirst();
  }

  /** Holds up to {@code limit} letters from the head, runs {@code action}, hands the rest back. */
  private <T> T scan(int limit, Action<T> action) {
    declarer.declare(queue);
    Channel ch = null;
    try {
      ch = connection.createChannel();
      if (ch == null) {
        throw new IOException("the connection has no channel left (channel_max reached)");
      }
      ch.confirmSelect();
      long total = ch.queueDeclarePassive(queue).getMessageCount();
      List<Held> held = new ArrayList<>();
      while (held.size() < limit) {
        GetResponse r = ch.basicGet(queue, false);
        if (r == null) {
          break;
        }
        held.add(
            new Held(
                r.getEnvelope().getDeliveryTag(),
                DeadLetterHeaders.read(r.getProps(), r.getBody())));
      }
      return action.apply(ch, held, total);
    } catch (IOException | TimeoutException | ShutdownSignalException e) {
      throw new ServerUnavailable(
          "cannot read the dead letters in queue '" + queue + "' on " + where + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerUnavailable("interrupted while reading the dead letters of " + queue, e);
    } finally {
      closeQuietly(ch);
    }
  }

  /** Closing the channel hands back every letter it holds and did not ack. */
  private static void closeQuietly(Channel ch) {
    if (ch == null) {
      return;
    }
    try {
      if (ch.isOpen()) {
        ch.close();
      }
    } catch (IOException | TimeoutException | RuntimeException e) {
      // A channel that fails to close is closed: the broker requeues its unacked letters either
      // way.
    }
  }
}
