package io.phaseflow.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Messages;
import io.phaseflow.handlers.protocol.Queues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bus contract on a real RabbitMQ, and what only RabbitMQ can show. */
class RabbitBusIT extends MessageBusContract {
  private static Connection admin;
  private final List<GetResponse> deadLetters = Collections.synchronizedList(new ArrayList<>());
  private final List<RabbitBus> extraBuses = new ArrayList<>();

  @BeforeAll
  static void connectAdmin() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    settings().configure(factory);
    admin = factory.newConnection("phaseflow-test-admin");
  }

  @AfterAll
  static void closeAdmin() throws IOException {
    admin.close();
  }

  static AmqpSettings settings() {
    return AmqpSettings.parse(TestServers.amqpUrl()).withConnectionName("phaseflow-test");
  }

  @Override
  protected MessageBus newBus() {
    return open(settings());
  }

  private RabbitBus open(AmqpSettings settings) {
    return open(settings, deadLetterQueue());
  }

  private RabbitBus open(AmqpSettings settings, String deadLetterQueue) {
    RabbitBus b = RabbitBus.connect(settings, 3, 100, deadLetterQueue);
    extraBuses.add(b);
    return b;
  }

  private String deadLetterQueue() {
    return prefix + ".dead-letter";
  }

  @Override
  protected long depth(String queue) {
    return withChannel(ch -> (long) ch.queueDeclarePassive(queue).getMessageCount());
  }

  @Override
  protected List<String> deadLetterReasons(String queue) {
    withChannel(
        ch -> {
          for (GetResponse r; (r = ch.basicGet(deadLetterQueue(), true)) != null; ) {
            deadLetters.add(r);
          }
          return null;
        });
    return deadLetters.stream()
        .filter(r -> queue.equals(header(r, "x-phaseflow-queue")))
        .map(r -> header(r, "x-phaseflow-reason"))
        .toList();
  }

  @Override
  protected void cleanUp(List<String> queues) {
    extraBuses.forEach(RabbitBus::close);
    List<String> all = new ArrayList<>(queues);
    all.add(deadLetterQueue());
    for (String q : all) {
      withChannel(ch -> ch.queueDelete(q));
    }
  }

  private static String header(GetResponse r, String name) {
    Map<String, Object> headers = r.getProps().getHeaders();
    Object value = headers == null ? null : headers.get(name);
    return value == null ? null : value.toString();
  }

  interface ChannelWork<T> {
    T run(Channel channel) throws IOException;
  }

  /** On a channel of its own: a refused declaration closes the channel it ran on. */
  static <T> T withChannel(ChannelWork<T> work) {
    try (Channel ch = admin.createChannel()) {
      return work.run(ch);
    } catch (IOException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void messagesArePersistentJsonAndQueuesDurable() {
    String q = queue("durable");
    bus.publish(q, bytes("{}"));

    GetResponse r = withChannel(ch -> ch.basicGet(q, true));
    assertThat(r.getProps().getDeliveryMode()).isEqualTo(2);
    assertThat(r.getProps().getContentType()).isEqualTo("application/json");
    // Redeclaring with the same properties (a lazy classic queue) is accepted, with durable=false
    // refused.
    Map<String, Object> lazy = Map.of("x-queue-mode", "lazy");
    withChannel(ch -> ch.queueDeclare(q, true, false, false, lazy));
    assertThatThrownBy(() -> withChannel(ch -> ch.queueDeclare(q, false, false, false, lazy)))
        .hasStackTraceContaining("inequivalent arg 'durable'");
  }

  @Test
  void theQuorumSettingDeclaresQuorumQueues() {
    String q = queue("quorum");
    RabbitBus quorumBus = open(settings().withQuorumQueues(true), queue("quorum-dead-letter"));
    quorumBus.publish(q, bytes("{}"));

    withChannel(
        ch ->
            ch.queueDeclare(
                q,
                true,
                false,
                false,
                Map.of("x-queue-type", "quorum", "x-queue-leader-locator", "balanced")));
    assertThatThrownBy(
            () ->
                withChannel(
                    ch ->
                        ch.queueDeclare(q, true, false, false, Map.of("x-queue-type", "classic"))))
        .hasStackTraceContaining("x-queue-type");
    // A classic-queue bus meeting the quorum queue follows it (QueueTypeIT); another argument
    // that differs is refused, saying what to do.
    bus.publish(q, bytes("{}"));
    String limited = queue("limited");
    withChannel(ch -> ch.queueDeclare(limited, true, false, false, Map.of("x-max-length", 5)));
    assertThatThrownBy(() -> bus.publish(limited, bytes("{}")))
        .isInstanceOf(PhaseflowException.class)
        .hasMessageContaining("'" + limited + "'")
        .hasMessageContaining("delete it")
        .matches(e -> !((PhaseflowException) e).retryable());
  }

  @Test
  void onAQuorumQueueABugIsDeadLetteredAfterTheSameBoundedDeliveries() throws Exception {
    String q = queue("quorum-bug");
    String deadLetters = queue("quorum-bug-dead-letter");
    RabbitBus quorumBus = open(settings().withQuorumQueues(true), deadLetters);
    AtomicInteger deliveries = new AtomicInteger();

    try (var s =
        quorumBus.consume(
            q,
            1,
            body -> {
              deliveries.incrementAndGet();
              throw new IllegalStateException("bug");
            })) {
      quorumBus.publish(q, bytes("{}"));
      await("it was dead-lettered", () -> depth(deadLetters) == 1);
      Thread.sleep(3 * DeliveryFailures.RETRY_BACKOFF_MILLIS);
    }

    assertThat(deliveries).hasValue(FailedDelivery.MAX_FAILURES);
    GetResponse letter = withChannel(ch -> ch.basicGet(deadLetters, true));
    assertThat(header(letter, "x-phaseflow-reason")).contains("IllegalStateException: bug");
    assertThat(header(letter, FailedDelivery.FAILURES_HEADER))
        .isEqualTo(String.valueOf(FailedDelivery.MAX_FAILURES));
    assertThat(depth(q)).isZero();
  }

  @Test
  void messagesHeldByAConsumerWhoseConnectionDiesAreRedeliveredToAnother() throws Exception {
    String q = queue("crash");
    RabbitBus doomed = open(settings());
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    doomed.consume(
        q,
        1,
        body -> {
          holding.countDown();
          never.await(30, TimeUnit.SECONDS);
        });
    for (int i = 0; i < 3; i++) {
      bus.publish(q, bytes("m" + i));
    }
    assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

    doomed.connection().abort();
    List<String> received = Collections.synchronizedList(new ArrayList<>());
    try (var s =
        bus.consume(q, 1, body -> received.add(new String(body, StandardCharsets.UTF_8)))) {
      await("all three were redelivered", () -> received.size() == 3);
    } finally {
      never.countDown();
    }
    assertThat(received).containsExactlyInAnyOrder("m0", "m1", "m2");
  }

  @Test
  void anInputIsAckedOnlyAfterItsFollowUpsWereConfirmed() {
    String in = queue("in");
    String out = queue("out");
    RabbitBus rabbit = (RabbitBus) bus;
    rabbit.publish(out, bytes("{}")); // declares it, so that the test can watch it
    withChannel(ch -> ch.queuePurge(out));
    var s =
        (RabbitSubscription)
            rabbit.consume(
                in,
                1,
                body -> {
                  for (int i = 0; i < 5; i++) {
                    bus.publish(out, body);
                  }
                });
    bus.publish(in, bytes("{\"job\":1}"));

    await("the input was settled", () -> depth(out) > 0 && s.inFlight() == 0);
    // Settled means acked, and acked means the follow-ups had been confirmed: all five are there.
    assertThat(depth(out)).isEqualTo(5);
    rabbit.connection().abort(); // a crash now must not bring the input back
    assertThat(depth(in)).isZero();
  }

  @Test
  void twoNamespacesKeepTheirDeadLettersApart() {
    String a = prefix + ".a";
    String b = prefix + ".b";
    for (String ns : List.of("a", "b")) { // cleaned up after the test
      queue(ns + "." + Queues.JOB_FINISHED);
      queue(ns + ".phaseflow.dead-letter");
    }
    MessageBus.Consumer reject =
        body -> {
          throw new Messages.MalformedMessageException(new String(body, StandardCharsets.UTF_8));
        };
    NamespacedBus inA = new NamespacedBus(bus, a);
    NamespacedBus inB = new NamespacedBus(bus, b);

    try (var sa = inA.consume(Queues.JOB_FINISHED, 1, reject);
        var sb = inB.consume(Queues.JOB_FINISHED, 1, reject)) {
      inA.publish(Queues.JOB_FINISHED, bytes("bad in a"));
      inB.publish(Queues.JOB_FINISHED, bytes("bad in b"));
      inB.publish(Queues.JOB_FINISHED, bytes("worse in b"));
      await(
          "both namespaces dead-lettered theirs",
          () ->
              depth(a + ".phaseflow.dead-letter") == 1 && depth(b + ".phaseflow.dead-letter") == 2);
    }

    assertThat(RabbitBus.deadLetterQueue(a)).isEqualTo(a + ".phaseflow.dead-letter");
    assertThat(inA.deadLetterQueue()).isEqualTo(RabbitBus.deadLetterQueue(a));
    assertThat(reasonsIn(a + ".phaseflow.dead-letter", inA.name(Queues.JOB_FINISHED)))
        .containsExactly("bad in a");
    assertThat(reasonsIn(b + ".phaseflow.dead-letter", inB.name(Queues.JOB_FINISHED)))
        .containsExactlyInAnyOrder("bad in b", "worse in b");
  }

  /** Takes every message off {@code deadLetters}; the reasons of those from {@code source}. */
  private static List<String> reasonsIn(String deadLetters, String source) {
    List<GetResponse> all = new ArrayList<>();
    withChannel(
        ch -> {
          for (GetResponse r; (r = ch.basicGet(deadLetters, true)) != null; ) {
            all.add(r);
          }
          return null;
        });
    assertThat(all).allMatch(r -> source.equals(header(r, "x-phaseflow-queue")), "from " + source);
    return all.stream().map(r -> header(r, "x-phaseflow-reason")).toList();
  }

  @Test
  void anUnreachableBrokerIsNamedWithoutThePassword() {
    AmqpSettings nowhere = AmqpSettings.parse("amqp://guest:s3cr3t-pw@127.0.0.1:1/");

    assertThatThrownBy(() -> RabbitBus.connect(nowhere, 2, 10, "unused"))
        .isInstanceOf(PhaseflowException.class)
        .hasMessageContaining("cannot reach RabbitMQ at amqp://guest:***@127.0.0.1:1/%2F")
        .hasMessageContaining("after 2 attempts")
        .hasMessageNotContaining("s3cr3t-pw")
        .matches(e -> ((PhaseflowException) e).retryable());
  }

  @Test
  void wrongCredentialsAreNotRetried() {
    AmqpSettings s = settings();
    AmqpSettings wrong =
        AmqpSettings.parse("amqp://nobody:s3cr3t-pw@" + s.host() + ":" + s.port() + "/");

    assertThatThrownBy(() -> RabbitBus.connect(wrong, 3, 10, "unused"))
        .isInstanceOf(PhaseflowException.class)
        .hasMessageContaining("amqp://nobody:***@")
        .hasMessageNotContaining("s3cr3t-pw")
        .matches(e -> !((PhaseflowException) e).retryable());
  }
}
