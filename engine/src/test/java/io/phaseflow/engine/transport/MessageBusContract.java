package io.phaseflow.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.ServerUnavailable;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Messages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageBus} must do: the in-memory bus and the RabbitMQ bus both run these
 * tests. Each test uses queue names of its own, so buses may share a broker with other suites.
 */
public abstract class MessageBusContract {
  protected MessageBus bus;
  protected String prefix;

  /** A bus to test; called before each test. */
  protected abstract MessageBus newBus();

  /** Messages ready in {@code queue}. */
  protected abstract long depth(String queue);

  /** The reasons of the messages from {@code queue} that went to the dead letters. */
  protected abstract List<String> deadLetterReasons(String queue);

  /** Removes what the test left behind on the server, after the bus was closed. */
  protected void cleanUp(List<String> queues) {}

  private final List<String> queues = new ArrayList<>();

  @BeforeEach
  void open() {
    prefix = "pftest." + UUID.randomUUID().toString().substring(0, 8);
    bus = newBus();
  }

  @AfterEach
  void closeBus() {
    bus.close();
    cleanUp(queues);
  }

  protected String queue(String name) {
    String queue = prefix + "." + name;
    queues.add(queue);
    return queue;
  }

  protected static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  protected static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void deliversEveryBodyExactlyAsSent() {
    String q = queue("exact");
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      sent.add(bytes("{\"i\":" + i + ",\"text\":\"grüße ✓\"}"));
    }
    sent.add(new byte[] {0, -1, 127, -128});
    sent.add(new byte[0]);
    List<byte[]> received = Collections.synchronizedList(new ArrayList<>());

    try (var s = bus.consume(q, 1, received::add)) {
      sent.forEach(body -> bus.publish(q, body));
      await("every message arrived", () -> received.size() == sent.size());
    }

    assertThat(received).containsExactlyElementsOf(sent);
  }

  @Test
  void keepsMessagesPublishedBeforeAnyConsumer() {
    String q = queue("early");
    bus.publish(q, bytes("a"));
    bus.publish(q, bytes("b"));
    List<String> received = Collections.synchronizedList(new ArrayList<>());

    try (var s =
        bus.consume(q, 1, body -> received.add(new String(body, StandardCharsets.UTF_8)))) {
      await("both arrived", () -> received.size() == 2);
    }

    assertThat(received).containsExactly("a", "b");
  }

  @Test
  void concurrencyNRunsNConsumersAtOnce() {
    String q = queue("parallel");
    int n = 4;
    CyclicBarrier allBusy = new CyclicBarrier(n);
    AtomicInteger passed = new AtomicInteger();

    try (var s =
        bus.consume(
            q,
            n,
            body -> {
              allBusy.await(10, TimeUnit.SECONDS); // only returns when n consumers wait here
              passed.incrementAndGet();
            })) {
      for (int i = 0; i < n; i++) {
        bus.publish(q, bytes("m" + i));
      }
      await(n + " consumers were busy at the same time", () -> passed.get() == n);
    }
  }

  @Test
  void aConsumerThatThrowsGetsTheMessageAgainUntilItSucceeds() {
    String q = queue("retry");
    AtomicInteger attempts = new AtomicInteger();
    List<String> processed = Collections.synchronizedList(new ArrayList<>());

    try (var s =
        bus.consume(
            q,
            1,
            body -> {
              if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("dependency down");
              }
              processed.add(new String(body, StandardCharsets.UTF_8));
            })) {
      bus.publish(q, bytes("job"));
      await("processed", () -> processed.size() == 1);
    }

    assertThat(attempts).hasValue(3);
    assertThat(processed).containsExactly("job");
    assertThat(depth(q)).isZero();
  }

  @Test
  void aMalformedMessageGoesToTheDeadLettersAndTheQueueKeepsFlowing() {
    String q = queue("malformed");
    List<String> processed = Collections.synchronizedList(new ArrayList<>());

    try (var s =
        bus.consume(
            q,
            1,
            body -> {
              String text = new String(body, StandardCharsets.UTF_8);
              if (text.startsWith("not json")) {
                Messages.decode(body, Job.class); // throws MalformedMessageException
              }
              processed.add(text);
            })) {
      bus.publish(q, bytes("not json at all"));
      bus.publish(q, bytes("{\"ok\":1}"));
      bus.publish(q, bytes("{\"ok\":2}"));
      await("the good ones were processed", () -> processed.size() == 2);
      await("the bad one was dead-lettered", () -> deadLetterReasons(q).size() == 1);
    }

    assertThat(processed).containsExactly("{\"ok\":1}", "{\"ok\":2}");
    assertThat(deadLetterReasons(q)).singleElement().asString().contains("not a valid Job");
    assertThat(depth(q)).isZero();
  }

  @Test
  void aConsumerThatKeepsFailingWithABugIsDeadLetteredAfterBoundedDeliveries() throws Exception {
    String q = queue("bug");
    AtomicInteger deliveries = new AtomicInteger();

    try (var s =
        bus.consume(
            q,
            1,
            body -> {
              deliveries.incrementAndGet();
              throw new NullPointerException("boom");
            })) {
      bus.publish(q, bytes("{\"passes\":\"validation\"}"));
      await("it was dead-lettered", () -> deadLetterReasons(q).size() == 1);
      Thread.sleep(3 * DeliveryFailures.RETRY_BACKOFF_MILLIS); // nothing more comes of it
    }

    assertThat(deliveries).hasValue(FailedDelivery.MAX_FAILURES);
    assertThat(deadLetterReasons(q))
        .singleElement()
        .asString()
        .contains("failed " + FailedDelivery.MAX_FAILURES + " deliveries")
        .contains("java.lang.NullPointerException: boom");
    assertThat(depth(q)).isZero();
  }

  @Test
  void aTransientFailureIsRedeliveredForAsLongAsItLasts() {
    String q = queue("transient");
    AtomicInteger deliveries = new AtomicInteger();
    int outage = FailedDelivery.MAX_FAILURES + 3;
    List<String> processed = Collections.synchronizedList(new ArrayList<>());

    try (var s =
        bus.consume(
            q,
            1,
            body -> {
              if (deliveries.incrementAndGet() <= outage) {
                throw new ServerUnavailable("Redis at redis://127.0.0.1 failed");
              }
              processed.add(new String(body, StandardCharsets.UTF_8));
            })) {
      bus.publish(q, bytes("job"));
      await("processed once the outage ended", () -> processed.size() == 1);
    }

    assertThat(deliveries).hasValue(outage + 1);
    assertThat(deadLetterReasons(q)).isEmpty();
    assertThat(depth(q)).isZero();
  }

  @Test
  void closingASubscriptionWaitsForTheMessageInHand() throws Exception {
    String q = queue("close");
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean finished = new AtomicBoolean();
    var s =
        bus.consume(
            q,
            1,
            body -> {
              started.countDown();
              Thread.sleep(300);
              finished.set(true);
            });
    bus.publish(q, bytes("slow"));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    s.close();

    assertThat(finished).isTrue();
    assertThat(depth(q)).as("the message was acknowledged, not requeued").isZero();
  }

  @Test
  void aThousandMessagesThroughFourConsumersNoneLostNoneDuplicated() {
    String q = queue("thousand");
    Map<String, Integer> seen = new ConcurrentHashMap<>();
    Set<String> threads = ConcurrentHashMap.newKeySet();

    try (var s =
        bus.consume(
            q,
            4,
            body -> {
              seen.merge(new String(body, StandardCharsets.UTF_8), 1, Integer::sum);
              threads.add(Thread.currentThread().getName());
            })) {
      for (int i = 0; i < 1000; i++) {
        bus.publish(q, bytes("m" + i));
      }
      await("all 1000 arrived", () -> seen.size() == 1000);
    }

    assertThat(seen.values()).allMatch(count -> count == 1);
    assertThat(depth(q)).isZero();
  }

  @Test
  void depthCountsTheMessagesWaitingForAConsumer() {
    String q = queue("depth");
    for (int i = 0; i < 7; i++) {
      bus.publish(q, bytes("m" + i));
    }

    assertThat(bus.depth(q)).hasValue(7);
    assertThat(bus.depth(q)).as("reading the depth takes nothing off the queue").hasValue(7);
  }

  @Test
  void depthOfAQueueThatDoesNotExistIsEmptyAndTheBusKeepsWorking() {
    String missing = queue("never-used");
    String q = queue("after-missing");

    assertThat(bus.depth(missing)).isEmpty();
    assertThat(bus.depth(missing)).as("asking did not create it").isEmpty();

    bus.publish(q, bytes("still flowing"));
    List<String> received = Collections.synchronizedList(new ArrayList<>());
    try (var s =
        bus.consume(q, 1, body -> received.add(new String(body, StandardCharsets.UTF_8)))) {
      await("the message arrived", () -> received.size() == 1);
    }
    assertThat(received).containsExactly("still flowing");
    assertThat(bus.depth(q)).hasValue(0);
  }
}
