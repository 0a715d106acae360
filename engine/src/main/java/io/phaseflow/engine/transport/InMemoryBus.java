package io.phaseflow.engine.transport;

import io.phaseflow.engine.dead.DeadLetters;
import io.phaseflow.handlers.protocol.MessageBus;
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
 * threads. Same contract as RabbitMQ: a message is removed only once its consumer returned; one
 * whose consumer throws is handled as {@link FailedDelivery} decides (dead letters for a message
 * that can never be processed, again for a transient failure, dead letters after a bounded number
 * of other failures). Thread-safe.
 */
public final class InMemoryBus implements MessageBus {
  private static final Logger log = LoggerFactory.getLogger(InMemoryBus.class);
  private static final long POLL_MILLIS = 50;

  private final Map<String, BlockingQueue<Delivery>> queues = new ConcurrentHashMap<>();
  private final List<DeadLetters.Letter> deadLetters = new CopyOnWriteArrayList<>();
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private volatile DeadLetterCounter counter = DeadLetterCounter.NONE;

  /** A message that could never be processed, the queue it came from, and the reason. */
  public record DeadLetter(String queue, byte[] body, String reason) {}

  /** A message in a queue, with the failed deliveries counted so far. */
  private record Delivery(byte[] body, int failures) {}

  @Override
  public void publish(String queue, byte[] body) {
    queue(queue).add(new Delivery(body, 0));
  }

  @Override
  public Subscription consume(String queue, int concurrency, Consumer consumer) {
    BlockingQueue<Delivery> source = queue(queue);
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
    BlockingQueue<Delivery> q = queues.get(queue);
    return q == null ? OptionalLong.empty() : OptionalLong.of(q.size());
  }

  /** Told of every message this bus dead-letters (replacing the one told before). */
  public void countDeadLetters(DeadLetterCounter counter) {
    this.counter = counter;
  }

  public List<DeadLetter> deadLetters() {
    return deadLetters.stream().map(l -> new DeadLetter(l.queue(), l.body(), l.reason())).toList();
  }

  /**
   * The dead letters of the queues whose names start with {@code prefix} (a namespace's {@code
   * NS.}, or "" for all), with the same operations as on RabbitMQ.
   */
  public DeadLetters deadLetterQueue(String prefix) {
    return new DeadLetters() {
      @Override
      public Page list(int limit) {
        List<Letter> mine = mine();
        return new Page(mine.stream().limit(Math.max(0, limit)).toList(), mine.size());
      }

      @Override
      public java.util.Optional<Letter> show(String id) {
        return mine().stream().filter(l -> l.id().equals(id)).findFirst();
      }

      @Override
      public Letter requeue(String id) {
        Letter l = drop(id);
        publish(l.queue(), l.body());
        return l;
      }

      @Override
      public Letter drop(String id) {
        Letter l = show(id).orElseThrow(() -> DeadLetters.notFound(id));
        if (!deadLetters.remove(l)) {
          throw DeadLetters.notFound(id); // another call took it first
        }
        return l;
      }

      private List<Letter> mine() {
        return deadLetters.stream().filter(l -> l.queue().startsWith(prefix)).toList();
      }
    };
  }

  @Override
  public void close() {
    subscriptions.forEach(Subscription::close);
  }

  private BlockingQueue<Delivery> queue(String name) {
    return queues.computeIfAbsent(name, n -> new LinkedBlockingQueue<>());
  }

  private void loop(
      String queue, BlockingQueue<Delivery> source, Consumer consumer, AtomicBoolean running) {
    while (running.get()) {
      Delivery delivery;
      try {
        delivery = source.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (delivery == null) {
        continue;
      }
      try {
        consumer.accept(delivery.body());
      } catch (Exception e) {
        failed(queue, source, delivery, e);
      }
    }
  }

  private void failed(String queue, BlockingQueue<Delivery> source, Delivery d, Exception e) {
    FailedDelivery decision = FailedDelivery.decide(e, d.failures());
    switch (decision.kind()) {
      case DEAD_LETTER -> {
        log.warn("dead-lettered a message on {}: {}", queue, decision.reason());
        deadLetters.add(
            new DeadLetters.Letter(
                LetterIds.next(),
                queue,
                decision.reason(),
                System.currentTimeMillis(),
                decision.failures(),
                d.body()));
        counter.deadLettered(queue, decision.reasonClass());
      }
      case REDELIVER, REDELIVER_COUNTED -> {
        log.warn("consumer on {} failed, redelivering: {}", queue, e.toString());
        source.add(new Delivery(d.body(), decision.failures()));
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
