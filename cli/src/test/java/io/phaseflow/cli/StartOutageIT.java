package io.phaseflow.cli;

import static io.phaseflow.cli.InProcessCli.concat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.RepoFiles;
import io.phaseflow.engine.testing.SpareRedis;
import io.phaseflow.engine.testing.TcpProxy;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.NamespacedBus;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Queues;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
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
class StartOutageIT {
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
      assertThat(execute(out, new StringWriter(), concat(List.of("load", search), servers)))
          .isZero();
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

  @Test
  void startPrintsEveryConfirmedIdThenSaysHowManyStartedWhenTheBrokerDrops() throws Exception {
    String ns = RedisCleanup.uniquePrefix("pfstartamqp");
    String redis = TestServers.redisUrlOnTestDatabase();
    URI shared = URI.create(TestServers.amqpUrl());
    int port = shared.getPort() < 0 ? 5672 : shared.getPort();
    try (TcpProxy broker = new TcpProxy(SpareRedis.freePort(), shared.getHost(), port).start();
        RabbitBus rabbit = RabbitBus.connect(AmqpSettings.parse(TestServers.amqpUrl()))) {
      String viaProxy = "amqp://" + shared.getRawUserInfo() + "@127.0.0.1:" + broker.port();
      List<String> servers = List.of("--namespace", ns, "--redis", redis, "--amqp", viaProxy);
      StringWriter err = new StringWriter();
      String search = RepoFiles.definition("search.json").toString();
      assertThat(execute(new StringWriter(), err, concat(List.of("load", search), servers)))
          .isZero();
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

      broker.stop();

      start.join(60_000);
      assertThat(code.get()).as(err.toString()).isEqualTo(PhaseflowCommand.SERVER_UNAVAILABLE);
      List<String> printed = ids.toString().lines().toList();
      Matcher m =
          Pattern.compile(
                  "phaseflow: started (\\d+) of "
                      + COUNT
                      + " before RabbitMQ at amqp://\\w+:\\*\\*\\*@127.0.0.1:"
                      + broker.port()
                      + "/%2F failed: .+ \\((\\d) more went unconfirmed: they may have started too\\)")
              .matcher(err.toString().strip());
      assertThat(m.find()).as(err.toString()).isTrue();
      assertThat(Integer.parseInt(m.group(1))).isEqualTo(printed.size());
      assertThat(printed.size()).isBetween(300, COUNT - 1);

      Set<String> enqueued = drain(new NamespacedBus(rabbit, ns), printed.size());
      assertThat(enqueued).as("every printed id was enqueued").containsAll(printed);
      assertThat(enqueued.size() - printed.size())
          .as("and at most the unconfirmed ones besides")
          .isBetween(0, Integer.parseInt(m.group(2)));
    } finally {
      try (RedisConnector connector = new RedisConnector(TestServers.redisSettings())) {
        RedisCleanup.deletePrefix(connector, ns);
      }
      try (RabbitBus admin = RabbitBus.connect(AmqpSettings.parse(TestServers.amqpUrl()))) {
        admin.deleteNamespace(ns, List.of());
      }
    }
  }

  /** The ids of the starts in the namespace's start queue: at least {@code atLeast} of them. */
  private static Set<String> drain(MessageBus bus, int atLeast) throws Exception {
    long depth = bus.depth(Queues.WORKFLOW_START).orElse(-1);
    Set<String> enqueued = ConcurrentHashMap.newKeySet();
    ObjectMapper json = new ObjectMapper();
    try (MessageBus.Subscription s =
        bus.consume(
            Queues.WORKFLOW_START,
            1,
            body -> enqueued.add(json.readTree(body).get("id").asText()))) {
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (enqueued.size() < Math.max(depth, atLeast) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
    return enqueued;
  }

  private static int execute(StringWriter out, StringWriter err, List<String> args) {
    return PhaseflowCommand.execute(
        new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
  }
}
