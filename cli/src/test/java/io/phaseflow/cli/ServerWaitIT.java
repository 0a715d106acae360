package io.phaseflow.cli;

import static io.phaseflow.cli.InProcessCli.cli;
import static io.phaseflow.cli.InProcessCli.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.RepoFiles;
import io.phaseflow.engine.testing.SpareRedis;
import io.phaseflow.engine.testing.TcpProxy;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.NamespacedBus;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.HandlerRunner;
import io.phaseflow.handlers.protocol.BusJobSource;
import io.phaseflow.samples.SampleHandlers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Long-running processes wait for servers that are down when they start, and keep running when the
 * broker drops them; one-shot commands still fail fast with exit 4. The processes are real {@code
 * phaseflow} processes; the servers that go down are a Redis of the test's own and a TCP proxy in
 * front of the shared RabbitMQ.
 */
class ServerWaitIT {
  private static final String SEARCH = RepoFiles.definition("search.json").toString();

  @Test
  void anEngineStartedBeforeRedisWaitsLoggingEachAttemptThenRunsWorkflows() throws Exception {
    String ns = RedisCleanup.uniquePrefix("pfwaitredis");
    String amqp = TestServers.amqpUrl();
    try (SpareRedis redis = SpareRedis.onFreePort();
        RabbitBus rabbit = RabbitBus.connect(AmqpSettings.parse(amqp))) {
      List<String> servers = List.of("--namespace", ns, "--redis", redis.url(), "--amqp", amqp);
      try (CliProcess engine = CliProcess.start(Map.of(), concat(List.of("engine"), servers))) {
        assertThat(
                engine.awaitLine(
                    l ->
                        l.contains(
                            "phaseflow engine: waiting for Redis at "
                                + redis.url()
                                + ": attempt 3 failed (Connection refused"),
                    30))
            .as(engine.output())
            .isTrue();
        assertThat(engine.output()).contains("next in 500 ms", "next in 1 s", "next in 2 s");
        assertThat(engine.exitCode(0)).as("still waiting").isEqualTo(-1);

        redis.start();

        assertThat(engine.awaitLine(l -> l.contains("consuming on"), 30))
            .as(engine.output())
            .isTrue();
        try (HandlerRunner.Deployment handlers =
            new HandlerRunner(new BusJobSource(new NamespacedBus(rabbit, ns), Clock.systemUTC()))
                .deployAll(SampleHandlers.registry(), 2)) {
          assertThat(cli(concat(List.of("load", SEARCH), servers))).contains("loaded    search v1");
          assertThat(cli(concat(List.of("start", "search", "--wait"), servers)))
              .contains("succeeded in phase 'finished'");
        }
      }
    } finally {
      CliProcess.deleteSampleQueues(ns, amqp);
    }
  }

  @Test
  void processesStartedBeforeTheBrokerWaitForItAndSurviveItDroppingThem() throws Exception {
    String ns = RedisCleanup.uniquePrefix("pfwaitamqp");
    String redis = TestServers.redisUrlOnTestDatabase();
    URI shared = URI.create(TestServers.amqpUrl());
    try (TcpProxy broker =
        new TcpProxy(
            SpareRedis.freePort(),
            shared.getHost(),
            shared.getPort() < 0 ? 5672 : shared.getPort())) {
      String viaProxy = "amqp://" + shared.getRawUserInfo() + "@127.0.0.1:" + broker.port();
      List<String> servers = List.of("--namespace", ns, "--redis", redis, "--amqp", viaProxy);
      String waiting = "waiting for RabbitMQ at amqp://";
      try (CliProcess engine =
              CliProcess.start(Map.of(), concat(List.of("engine", "--quiet"), servers));
          CliProcess handlers =
              CliProcess.start(
                  Map.of(),
                  concat(List.of("handlers", "--queue", "all", "--instances", "2"), servers))) {
        assertThat(engine.awaitLine(l -> l.contains(waiting) && l.contains("attempt 3"), 30))
            .as(engine.output())
            .isTrue();
        assertThat(handlers.awaitLine(l -> l.contains(waiting) && l.contains("attempt 3"), 30))
            .as(handlers.output())
            .isTrue();
        assertThat(handlers.output()).contains(":***@127.0.0.1:" + broker.port());

        broker.start();

        assertThat(engine.awaitLine(l -> l.contains("consuming on"), 30))
            .as(engine.output())
            .isTrue();
        assertThat(handlers.awaitLine(l -> l.contains("instance(s) of PageSummarizer"), 30))
            .as(handlers.output())
            .isTrue();
        assertThat(cli(concat(List.of("load", SEARCH), servers))).contains("loaded    search v1");
        assertThat(cli(concat(List.of("start", "search", "--wait"), servers)))
            .contains("succeeded in phase 'finished'");

        broker.stop(); // every connection drops, as when the broker is restarted
        Thread.sleep(4000);
        broker.start();

        assertThat(cli(concat(List.of("start", "search", "--count", "5", "--wait"), servers)))
            .as("engine: %s%nhandlers: %s", engine.output(), handlers.output())
            .contains("5 workflows of search: 5 succeeded");
        assertThat(engine.exitCode(0)).isEqualTo(-1);
        assertThat(handlers.exitCode(0)).isEqualTo(-1);
      }
    } finally {
      CliProcess.deleteSampleCluster(ns, TestServers.amqpUrl());
    }
  }

  @Test
  void aOneShotCommandStillFailsFastWithExitFour() throws Exception {
    int closed = SpareRedis.freePort();
    long began = System.nanoTime();

    StringWriter err = new StringWriter();
    int code =
        PhaseflowCommand.execute(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            "status",
            "some-id",
            "--redis",
            "redis://127.0.0.1:" + closed + "/0");

    assertThat(code).as(err.toString()).isEqualTo(PhaseflowCommand.SERVER_UNAVAILABLE);
    assertThat((System.nanoTime() - began) / 1e9).isLessThan(10);
    assertThat(err.toString()).contains("cannot reach Redis").doesNotContain("waiting for");
  }
}
