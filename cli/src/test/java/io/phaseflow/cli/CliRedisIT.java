package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.testing.RepoFiles;
import org.junit.jupiter.api.Test;

/** The phaseflow command line on the real Redis of TestServers: {@link CliTest}'s server tier. */
class CliRedisIT extends CliCapture {

  private static String sample(String name) {
    return RepoFiles.definition(name).toString();
  }

  @Test
  void runWithRedisKeepsTheHistoryInRedis() {
    String url = io.phaseflow.engine.testing.TestServers.redisUrlOnTestDatabase();

    int code = phaseflow("run", "--redis", url, sample("search.json"));

    assertThat(code).as(out + err).isZero();
    assertThat(out)
        .contains("state in Redis at")
        .contains("/15")
        .contains("redis-cli LRANGE 'pf:{");
    try (var connector =
        new io.phaseflow.engine.redis.RedisConnector(
            io.phaseflow.engine.testing.TestServers.redisSettings())) {
      assertThat(io.phaseflow.engine.testing.RedisCleanup.deletePrefix(connector, "pf"))
          .as("workflow, history and entry keys in db 15")
          .isGreaterThanOrEqualTo(5);
    }
  }

  @Test
  void benchMemoryPrintsBytesPerTaskAndEmptiesItsDatabase() {
    try (var connector =
            new io.phaseflow.engine.redis.RedisConnector(
                io.phaseflow.engine.testing.TestServers.redisSettings().withDatabase(13));
        var connection = connector.connect()) {
      connection.sync().flushdb();
      int code =
          phaseflow(
              "bench",
              "memory",
              "--workflows",
              "300",
              "--tasks",
              "10",
              "--payload",
              "16",
              "--redis",
              io.phaseflow.engine.testing.TestServers.redisUrl(),
              "--db",
              "13");

      assertThat(code).as(out + err).isZero();
      assertThat(out)
          .containsPattern("per task\\s+\\d+\\.\\d B")
          .containsPattern("first page of 20 \\d+\\.\\d\\d ms");
      java.util.regex.Matcher keys =
          java.util.regex.Pattern.compile("keys\\s+([0-9,]+) ").matcher(out.toString());
      assertThat(keys.find()).as(out.toString()).isTrue();
      assertThat(Integer.parseInt(keys.group(1).replace(",", "")))
          .as(
              "two keys a workflow, the format key, and per shard (64) at most the listing"
                  + " index's set, its list of definitions and 16 deadline buckets (each"
                  + " workflow's root task is running)")
          .isBetween(2 * 300 + 1, 2 * 300 + 1 + 64 * (2 + 16));
      assertThat(connection.sync().dbsize()).isZero();
    }
  }
}
