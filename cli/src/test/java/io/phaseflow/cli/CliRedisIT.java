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
          .as(
              "two keys a workflow, the format key, and per shard (64) at most the listing"
                  + " index's set and its list of definitions")
          .containsPattern("keys                (6[0-9][0-9]|7[0-2][0-9]) ")
          .containsPattern("first page of 20 \\d+\\.\\d\\d ms");
      assertThat(connection.sync().dbsize()).isZero();
    }
  }
}
