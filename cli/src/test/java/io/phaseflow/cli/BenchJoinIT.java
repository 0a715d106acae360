package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.bench.JoinBenchmark;
import io.phaseflow.engine.redis.RedisConnection;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code phaseflow bench join} on real Redis and RabbitMQ with a small join: every job succeeded
 * exactly once, the figures are there, and nothing is left behind. Here rather than in the bench
 * module: its handler process is {@code phaseflow handlers}, whose command lives in this one.
 */
class BenchJoinIT {
  private final String redisUrl = TestServers.redisUrlOnTestDatabase();
  private final String amqpUrl = TestServers.amqpUrl();

  @Test
  void aWideJoinAndItsTenJobJoinsRunEveryJobExactlyOnceWithFiguresAboveZero() throws Exception {
    String ns = RedisCleanup.uniquePrefix("pfjoinit");
    StringWriter out = new StringWriter();
    try (RedisConnector redis = new RedisConnector(TestServers.redisSettings())) {
      JoinBenchmark.Report r =
          new JoinBenchmark(
                  redis,
                  AmqpSettings.parse(amqpUrl),
                  redisUrl,
                  amqpUrl,
                  HandlerLoader.load(List.of()),
                  List.of())
              .run(new JoinBenchmark.Settings(200, 4, 2, 20, 0, ns, true), new PrintWriter(out));

      assertThat(r.exact()).as(out.toString()).isTrue();
      assertThat(r.wide().workflows()).isEqualTo(1);
      assertThat(r.wide().succeededOnce()).isEqualTo(200);
      assertThat(r.small().workflows()).isEqualTo(20);
      assertThat(r.small().succeededOnce()).isEqualTo(200);
      for (var f : List.of(r.wide(), r.small())) {
        assertThat(f.jobsPerSecond()).isPositive();
        assertThat(f.peakBytesPerJob()).isPositive();
        assertThat(f.keptKeyBytesPerJob()).isPositive();
        assertThat(f.heapPeak()).isPositive();
        assertThat(f.redisReads()).isPositive();
        assertThat(f.heapReads()).isPositive();
      }
      assertThat(out.toString())
          .contains("1 x 200-job join")
          .contains("20 x 10-job joins")
          .containsPattern("exact +200 of 200 +200 of 200\n")
          .doesNotContain("NOT EXACT");
      assertThat(keys(redis, ns)).as("the namespace is deleted").isZero();
    } finally {
      CliProcess.deleteSampleCluster(ns, amqpUrl);
    }
  }

  @Test
  void theCommandPrintsTheTableAndRefusesANamespaceThatHoldsKeys() throws Exception {
    String ns = RedisCleanup.uniquePrefix("pfjoinit");
    List<String> servers = List.of("--namespace", ns, "--redis", redisUrl, "--amqp", amqpUrl);
    try (RedisConnector redis = new RedisConnector(TestServers.redisSettings())) {
      String printed =
          InProcessCli.cli(
              InProcessCli.concat(
                  List.of("bench", "join", "--jobs", "20", "--warmup", "0", "--instances", "2"),
                  servers));
      assertThat(printed)
          .contains("warm-up ")
          .containsPattern("exact +20 of 20 +20 of 20\n")
          .contains("jobs/s ");

      try (RedisConnection c = redis.connect()) {
        c.sync().set(ns + ":someone", "data");
      }
      StringWriter err = new StringWriter();
      int code =
          PhaseflowCommand.execute(
              new PrintWriter(new StringWriter()),
              new PrintWriter(err),
              InProcessCli.concat(List.of("bench", "join", "--jobs", "20"), servers)
                  .toArray(String[]::new));

      assertThat(code).isNotZero();
      assertThat(err.toString())
          .contains("namespace " + ns + " holds keys")
          .contains("--namespace");
      assertThat(keys(redis, ns)).as("someone's key is left alone").isEqualTo(1);
    } finally {
      CliProcess.deleteSampleCluster(ns, amqpUrl);
    }
  }

  private static long keys(RedisConnector redis, String ns) {
    long[] n = {0};
    try (RedisConnection c = redis.connect()) {
      c.scan(ns + ":*", keys -> n[0] += keys.size());
    }
    return n[0];
  }
}
