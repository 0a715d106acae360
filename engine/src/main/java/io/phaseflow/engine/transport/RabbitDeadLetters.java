package io.phaseflow.engine.transport;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import io.phaseflow.engine.NotFound;
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

  /**
   * A call stops taking letters past this many body bytes, so it never holds the queue in memory.
   */
  static final long SCAN_BYTES = 64L * 1024 * 1024;

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
        null,
        (ch, held, total) -> new Page(held.stream().map(Held::letter).toList(), total));
  }

  @Override
  public Optional<Letter> show(String id) {
    return scan(SCAN_LIMIT, id, (ch, held, total) -> find(held, id).map(Held::letter));
  }

  @Override
  public Letter requeue(String id) {
    return scan(
        SCAN_LIMIT,
        id,
        (ch, held, total) -> {
          Held h = find(held, id).orElseThrow(() -> notFound(id, held.size(), total));
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
        id,
        (ch, held, total) -> {
          Held h = find(held, id).orElseThrow(() -> notFound(id, held.size(), total));
          ch.basicAck(h.tag(), false);
          return h.letter();
        });
  }

  private static Optional<Held> find(List<Held> held, String id) {
    return held.stream().filter(h -> h.letter().id().equals(id)).findFirst();
  }

  /** When the scan stopped short of the queue's end, the letter may be further on. */
  private NotFound notFound(String id, int read, long total) {
    if (read >= total) {
      return DeadLetters.notFound(id);
    }
    return new NotFound(
        "no dead letter '"
            + id
            + "' among the first "
            + read
            + " of the "
            + total
            + " in "
            + queue
            + "; drop or requeue the ones before it first");
  }

  /**
   * Holds letters from the head (up to {@code limit}, {@link #SCAN_BYTES}, or the one named {@code
   * until}), runs {@code action}, and hands every letter it did not ack back.
   */
  private <T> T scan(int limit, String until, Action<T> action) {
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
      long bytes = 0;
      while (held.size() < limit && bytes < SCAN_BYTES) {
        GetResponse r = ch.basicGet(queue, false);
        if (r == null) {
          break;
        }
        Letter letter = DeadLetterHeaders.read(r.getProps(), r.getBody());
        held.add(new Held(r.getEnvelope().getDeliveryTag(), letter));
        bytes += r.getBody().length;
        if (letter.id().equals(until)) {
          break;
        }
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
