package io.phaseflow.engine.transport;

import io.phaseflow.handlers.MessageBus;
import io.phaseflow.handlers.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded mode's queues: one unbounded in-process queue per name, consumers on their own
 * threads. Same contract as RabbitMQ: a message is removed only once its consumer returned; a
 * consumer that throws gets it again; an undecodable one goes to the dead letters. Thread-safe.
 */
public final class InMemoryBus implements MessageBus {
  private static final Logger log = LoggerFactory.getLogger(InMemoryBus.class);
  private static final long POLL_MILLIS = 50;

  private final Map<String, BlockingQueue<byte[]>> queues = new ConcurrentHashMap<>();
  private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

  /** A message no consumer could decode, with the reason. */
  public record DeadLetter(String queue, byte[] body, String reason) {}

  @Override
  public void publish(String queue, byte[] body) {
    queue(queue).add(body);
  }

  @Override
  public Subscription consume(String queue, int concurrency, Consumer consumer) {
    BlockingQueue<byte[]> source = queue(queue);
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      Thread t = new Thread(() -> loop(queue, source, consumer, running), queue + "-" + i);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    Subscription subscription =
        () -> {
          running.set(false);
          for (Thread t : threads) {
            try {
              t.join();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
        };
    subscriptions.add(subscription);
    return subscription;
  }

  /** Messages waiting in {@code queue}; empty when nothing ever published to or consumed it. */
  @Override
  public OptionalLong depth(String queue) {
    BlockingQueue<byte[]> q = queues.get(queue);
    return q == null ? OptionalLong.empty() : OptionalLong.of(q.size());
  }

  public List<DeadLetter> deadLetters() {
    return List.copyOf(deadLetters);
  }

  @Override
  public void close() {
    subscriptions.forEach(Subscription::close);
  }

  private BlockingQueue<byte[]> queue(String name) {
    return queues.computeIfAbsent(name, n -> new LinkedBlockingQueue<>());
  }

  private void loop(
      String queue, BlockingQueue<byte[]> source, Consumer consumer, AtomicBoolean running) {
    while (running.get()) {
      byte[] body;
      try {
        body = source.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (body == null) {
        continue;
      }
      try {
        consumer.accept(body);
      } catch (Messages.MalformedMessageException e) {
        log.warn("dead-lettered a message on {}: {}", queue, e.getMessage());
        deadLetters.add(new DeadLetter(queue, body, e.getMessage()));
      } catch (Exception e) {
        log.warn("consumer on {} failed, redelivering: {}", queue, e.toString());
        source.add(body);
        sleepQuietly();
      }
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
