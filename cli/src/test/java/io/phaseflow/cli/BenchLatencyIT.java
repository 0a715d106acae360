package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.bench.LatencyBenchmark;
import io.phaseflow.engine.redis.RedisConnection;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code phaseflow bench latency} on real Redis and RabbitMQ, for a few seconds at a low rate: sane
 * percentiles for every workflow's two transitions, and its namespace deleted. Here rather than in
 * the bench module: its handler process is {@code phaseflow handlers}, whose command lives here.
 */
class BenchLatencyIT {
  private final String redisUrl = TestServers.redisUrlOnTestDatabase();
  private final String amqpUrl = TestServers.amqpUrl();

  @Test
  void aLowRateRunPrintsOrderedPercentilesOfEveryTransition() throws Exception {
    StringWriter out = new StringWriter();
    try (RedisConnector redis = new RedisConnector(TestServers.redisSettings())) {
      LatencyBenchmark.Report r =
          new LatencyBenchmark(redis, AmqpSettings.parse(amqpUrl), redisUrl, amqpUrl)
              .run(
                  new LatencyBenchmark.Settings(10, 0, 3, 1, 0, 2, 2, 2, 20, true),
                  new PrintWriter(out));

      String printed = out.toString();
      assertThat(r.workflows()).as(printed).isEqualTo(30);
      assertThat(r.rate()).as(printed).isBetween(5.0, 12.0);
      assertThat(r.p50()).as(printed).isLessThanOrEqualTo(r.p90());
      assertThat(r.p90()).as(printed).isLessThanOrEqualTo(r.p99());
      assertThat(r.p99()).as(printed).isLessThanOrEqualTo(r.max());
      assertThat(r.max()).as("under 10 s: %s", printed).isLessThan(10_000);
      assertThat(printed)
          .contains("rate                10.0 workflows/s (--rate)")
          .contains("transitions         60 (a -> b and b -> c of each workflow; 0 without")
          .containsPattern("last job done -> next jobs published +\\d+ +\\d+ +\\d+ +\\d+ +60\n")
          .containsPattern("1: last job done -> move stored +(\\d+ +){4}60\n")
          .containsPattern("2: move stored -> jobs published +(\\d+ +){4}60\n")
          .containsPattern("p99 bound +10 ms: (met|NOT met)");
      assertThat(keys(redis, namespaceIn(printed))).as("the namespace is deleted").isZero();
    }
  }

  @Test
  void withoutARateTheCommandMeasuresTheMaximumAndRunsAtHalfOfIt() {
    String printed =
        InProcessCli.cli(
            List.of(
                "bench",
                "latency",
                "--probe-workflows",
                "40",
                "--seconds",
                "2",
                "--warmup-seconds",
                "0",
                "--instances",
                "2",
                "--redis",
                redisUrl,
                "--amqp",
                amqpUrl));

    Matcher m =
        Pattern.compile(
                "maximum rate +([0-9.,]+) workflows/s .*; open loop at half: ([0-9.,]+)"
                    + " workflows/s")
            .matcher(printed);
    assertThat(m.find()).as(printed).isTrue();
    double max = Double.parseDouble(m.group(1).replace(",", ""));
    double half = Double.parseDouble(m.group(2).replace(",", ""));
    assertThat(half).as(printed).isCloseTo(max / 2, org.assertj.core.data.Offset.offset(0.1));
    assertThat(printed).contains("latency (ms)").containsPattern("p99 bound +10 ms");
  }

  private static String namespaceIn(String printed) {
    Matcher m = Pattern.compile("namespace (\\w+);").matcher(printed);
    assertThat(m.find()).as(printed).isTrue();
    return m.group(1);
  }

  private static long keys(RedisConnector redis, String ns) {
    long[] n = {0};
    try (RedisConnection c = redis.connect()) {
      c.scan(ns + ":*", keys -> n[0] += keys.size());
    }
    return n[0];
  }
}
