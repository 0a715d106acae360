package io.phaseflow.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.RepoFiles;
import io.phaseflow.engine.testing.SpareRedis;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.NamespacedBus;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.MessageBus;
import io.phaseflow.handlers.Queues;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code phaseflow start --count N} when a server dies midway: every start the broker confirmed has
 * its id printed, nothing else is printed, and the command says how many started and exits 4.
 */
class StartOutageTest {
  private static final int COUNT = 50_000;

  @Test
  void startPrintsEveryConfirmedIdThenSaysHowManyStartedWhenRedisDies() throws Exception {
    String ns = RedisCleanup.uniquePrefix("pfstartout");
    String amqp = TestServers.amqpUrl();
    try (SpareRedis redis = SpareRedis.onFreePort().start();
        RabbitBus rabbit = RabbitBus.connect(AmqpSettings.parse(amqp))) {
      String search = RepoFiles.definition("search.json").toString();
      List<String> servers = List.of("--namespace", ns, "--redis", redis.url(), "--amqp", amqp);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      assertThat(execute(out, err, concat(List.of("load", search), servers))).isZero();
      StringWriter ids = new StringWriter();
      AtomicInteger code = new AtomicInteger(-1);
      Thread start =
          new Thread(
              () ->
                  code.set(
                      execute(
                          ids,
                          err,
                          concat(List.of("start", "search", "--count", "" + COUNT), servers))));
      start.start();
      while (ids.toString().lines().count() < 300 && start.isAlive()) {
        Thread.sleep(5);
      }

      redis.kill(); // every start reads the definition's latest version from Redis

      start.join(60_000);
      assertThat(code.get()).as(err.toString()).isEqualTo(PhaseflowCommand.SERVER_UNAVAILABLE);
      List<String> printed = ids.toString().lines().toList();
      Matcher m =
          Pattern.compile(
                  "phaseflow: started (\\d+) of "
                      + COUNT
                      + " before Redis at "
                      + Pattern.quote(redis.url())
                      + " failed: .+")
              .matcher(err.toString().strip());
      assertThat(m.matches()).as(err.toString()).isTrue();
      assertThat(Integer.parseInt(m.group(1))).isEqualTo(printed.size());
      assertThat(printed.size()).isBetween(300, COUNT - 1);
      assertThat(Set.copyOf(printed)).hasSameSizeAs(printed);

      MessageBus bus = new NamespacedBus(rabbit, ns);
      assertThat(bus.depth(Queues.WORKFLOW_START).orElse(-1))
          .as("exactly the printed starts were enqueued")
          .isEqualTo(printed.size());
      Set<String> enqueued = ConcurrentHashMap.newKeySet();
      ObjectMapper json = new ObjectMapper();
      try (MessageBus.Subscription s =
          bus.consume(
              Queues.WORKFLOW_START,
              1,
              body -> enqueued.add(json.readTree(body).get("id").asText()))) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (enqueued.size() < printed.size() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
      }
      assertThat(enqueued).containsExactlyInAnyOrderElementsOf(printed);
    } finally {
      try (RabbitBus admin = RabbitBus.connect(AmqpSettings.parse(amqp))) {
        admin.deleteNamespace(ns, List.of());
      }
    }
  }

  private static int execute(StringWriter out, StringWriter err, List<String> args) {
    return PhaseflowCommand.execute(
        new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
