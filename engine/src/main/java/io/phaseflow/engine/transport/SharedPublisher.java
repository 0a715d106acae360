package io.phaseflow.engine.transport;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;
import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.ServerUnavailable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The channel for publishes made outside a delivery (a CLI starting a workflow, a benchmark): each
 * publish returns a future that the broker's confirm completes. Many publishes in flight share the
 * broker's {@code multiple} confirms, so batching is a matter of publishing several before waiting.
 *
 * <p>When the connection is lost (a cluster node stopped), the publishes not yet confirmed, and
 * those made while it is down, are kept and published again once the client has recovered the
 * channel, on another node: the futures complete with those confirms. A message may so arrive
 * twice; consumers are idempotent. A caller that stops waiting ({@link #await}) drops its message.
 *
 * <p>Thread-safe: publishes are serialized on this object (a channel must not publish from two
 * threads at once); confirms complete the futures on the connection's I/O thread.
 */
final class SharedPublisher {
  static final long CONFIRM_TIMEOUT_MILLIS = 30_000;

  private record Outstanding(
      String queue, AMQP.BasicProperties props, byte[] body, CompletableFuture<Void> future) {}

  private final Channel channel;
  private final String where;
  private final ConcurrentNavigableMap<Long, Outstanding> outstanding =
      new ConcurrentSkipListMap<>();
  private final List<Outstanding> waiting = new ArrayList<>(); // for the recovered channel
  private boolean closed;

  private SharedPublisher(Channel channel, String where) {
    this.channel = channel;
    this.where = where;
  }

  static SharedPublisher open(Connection connection, String where) throws IOException {
    Channel channel = connection.createChannel();
    SharedPublisher p = new SharedPublisher(channel, where);
    channel.confirmSelect();
    channel.addConfirmListener(
        (seq, multiple) -> p.settle(seq, multiple, null),
        (seq, multiple) -> p.settle(seq, multiple, "the broker refused (nacked) it"));
    // Confirms of a lost channel never come; a recovered one numbers its publishes from 1 again.
    channel.addShutdownListener(cause -> p.lost(cause));
    if (channel instanceof Recoverable recoverable) {
      recoverable.addRecoveryListener(
          new RecoveryListener() {
            @Override
            public void handleRecovery(Recoverable r) {
              p.republish();
            }

            @Override
            public void handleRecoveryStarted(Recoverable r) {}
          });
    }
    return p;
  }

  CompletableFuture<Void> publish(String queue, AMQP.BasicProperties props, byte[] body) {
    Outstanding o = new Outstanding(queue, props, body, new CompletableFuture<>());
    send(o);
    return o.future;
  }

  private synchronized void send(Outstanding o) {
    if (closed) {
      o.future.completeExceptionally(failure(o.queue, "the bus was closed", null));
      return;
    }
    if (!channel.isOpen()) {
      waiting.add(o);
      return;
    }
    long seq = channel.getNextPublishSeqNo();
    outstanding.put(seq, o);
    try {
      channel.basicPublish("", o.queue, o.props, o.body);
    } catch (ShutdownSignalException e) {
      outstanding.remove(seq);
      waiting.add(o); // lost meanwhile: sent again on recovery
    } catch (IOException | RuntimeException e) {
      outstanding.remove(seq);
      o.future.completeExceptionally(failure(o.queue, e.toString(), e));
    }
  }

  /** The channel closed: what it did not confirm waits for the recovered one. */
  private synchronized void lost(ShutdownSignalException cause) {
    if (cause.isInitiatedByApplication()) {
      failAll("the channel was closed: " + cause.getMessage());
      return;
    }
    waiting.addAll(outstanding.values());
    outstanding.clear();
  }

  private synchronized void republish() {
    List<Outstanding> again = new ArrayList<>(waiting);
    waiting.clear();
    for (Outstanding o : again) {
      if (!o.future.isDone()) {
        send(o);
      }
    }
  }

  /** Publishes waiting for their confirm. */
  int unconfirmed() {
    return outstanding.size();
  }

  private void settle(long seq, boolean multiple, String refusal) {
    Map<Long, Outstanding> done = multiple ? outstanding.headMap(seq, true) : subMapOf(seq);
    for (var it = done.values().iterator(); it.hasNext(); ) {
      Outstanding o = it.next();
      it.remove();
      if (refusal == null) {
        o.future.complete(null);
      } else {
        o.future.completeExceptionally(failure(o.queue, refusal, null));
      }
    }
  }

  private Map<Long, Outstanding> subMapOf(long seq) {
    return outstanding.subMap(seq, true, seq, true);
  }

  private synchronized void failAll(String reason) {
    List<Outstanding> all = new ArrayList<>(outstanding.values());
    all.addAll(waiting);
    outstanding.clear();
    waiting.clear();
    for (Outstanding o : all) {
      o.future.completeExceptionally(failure(o.queue, reason, null));
    }
  }

  private PhaseflowException failure(String queue, String reason, Throwable cause) {
    return new ServerUnavailable(
        "publish to queue '"
            + queue
            + "' on "
            + where
            + " was not confirmed ("
            + reason
            + "); it may or may not have been enqueued: publish it again (consumers are idempotent)",
        cause);
  }

  /**
   * Waits for a publish's confirm, at most {@value #CONFIRM_TIMEOUT_MILLIS} ms.
   *
   * @throws ServerUnavailable when the broker did not confirm it
   */
  void await(CompletableFuture<Void> confirm, String queue) {
    try {
      confirm.get(CONFIRM_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof PhaseflowException p
          ? p
          : new ServerUnavailable("publish to '" + queue + "' failed", e.getCause());
    } catch (TimeoutException e) {
      confirm.cancel(false); // not published again after a recovery
      String why =
          channel.isOpen()
              ? "; is it short of memory or disk (connection blocked)?"
              : ": the connection was lost and has not recovered; is any node reachable?";
      throw new ServerUnavailable(
          "RabbitMQ at "
              + where
              + " did not confirm a publish to queue '"
              + queue
              + "' within "
              + CONFIRM_TIMEOUT_MILLIS
              + " ms"
              + why
              + " publish it again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerUnavailable("interrupted while publishing to '" + queue + "'");
    }
  }

  synchronized void close() {
    closed = true;
    failAll("the bus was closed");
  }
}
