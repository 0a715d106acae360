package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.RepoFiles;
import io.phaseflow.engine.testing.SpareRedis;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.RabbitBus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options every cluster command shares: namespaces and passwords kept out of {@code ps}. */
class ClusterOptionsIT extends CliCapture {

  @Test
  void aNamespaceThatCouldReachIntoAnotherIsRefusedBeforeConnecting() {
    for (String bad : List.of("a:b", "a.b", "pf", "", "{x}", "x".repeat(65))) {
      int code =
          phaseflow("status", "some-id", "--namespace", bad, "--redis", "redis://127.0.0.1:1");

      assertThat(code).as(bad + ": " + err).isEqualTo(2);
      assertThat(err)
          .as(bad)
          .contains("--namespace")
          .doesNotContain("Exception")
          .doesNotContain("127.0.0.1:1");
    }
  }

  @Test
  void anUnknownDefinitionNamesTheDefinitionsLoadedInItsNamespace() {
    String ns = RedisCleanup.uniquePrefix("pfnames");
    String redis = TestServers.redisUrlOnTestDatabase();
    try {
      String search = RepoFiles.definition("search.json").toString();
      assertThat(phaseflow("load", "--namespace", ns, "--redis", redis, search)).as(err).isZero();

      int code =
          phaseflow(
              "start",
              "nosuchdef",
              "--namespace",
              ns,
              "--redis",
              redis,
              "--amqp",
              TestServers.amqpUrl());

      assertThat(code).isEqualTo(PhaseflowCommand.BAD_INPUT);
      assertThat(err).contains("no definition named 'nosuchdef'").contains("loaded: [search]");
    } finally {
      try (RedisConnector connector = new RedisConnector(TestServers.redisSettings())) {
        RedisCleanup.deletePrefix(connector, ns);
      }
    }
  }

  @Test
  void theRedisPasswordComesFromAFileOrTheEnvironmentNotTheCommandLine(@TempDir Path dir)
      throws Exception {
    Path secret = dir.resolve("redis-password");
    Files.writeString(secret, "s3cret-pw\n");
    String search = RepoFiles.definition("search.json").toString();
    try (SpareRedis redis = SpareRedis.onFreePort("--requirepass", "s3cret-pw").start()) {
      assertThat(phaseflow("load", "--redis", redis.url(), search))
          .as("no password: refused")
          .isEqualTo(PhaseflowCommand.BAD_INPUT);

      assertThat(
              phaseflow(
                  "load", "--redis", redis.url(), "--redis-password-file", "" + secret, search))
          .as(out + err)
          .isZero();
      assertThat(out).contains("loaded    search v1");

      try (CliProcess load =
          CliProcess.start(
              Map.of("PHASEFLOW_REDIS_PASSWORD", "s3cret-pw", "PHASEFLOW_REDIS_URL", redis.url()),
              List.of("load", search))) {
        assertThat(load.exitCode(60)).as(load.output()).isZero();
        assertThat(load.output()).contains("unchanged").doesNotContain("s3cret");
      }
    }
  }

  @Test
  void aPasswordFileThatCannotBeReadIsBadInputNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("none");

    int code = phaseflow("status", "x", "--redis-password-file", "" + missing);

    assertThat(code).isEqualTo(PhaseflowCommand.BAD_INPUT);
    assertThat(err).contains("--redis-password-file " + missing).contains("no such file");
  }

  @Test
  void theAmqpPasswordFileReplacesThePasswordInTheUrl(@TempDir Path dir) throws Exception {
    AmqpSettings shared = AmqpSettings.parse(TestServers.amqpUrl());
    String[] userInfo = java.net.URI.create(TestServers.amqpUrl()).getUserInfo().split(":", 2);
    String password = userInfo[1];
    Path secret = dir.resolve("amqp-password");
    Files.writeString(secret, password);
    String wrong = "amqp://" + userInfo[0] + ":wrong@" + shared.host() + ":" + shared.port();
    String ns = RedisCleanup.uniquePrefix("pfamqppw");
    String redis = TestServers.redisUrlOnTestDatabase();
    String search = RepoFiles.definition("search.json").toString();
    try {
      assertThat(phaseflow("load", "--namespace", ns, "--redis", redis, search)).isZero();
      List<String> start = List.of("start", "search", "--namespace", ns, "--redis", redis);

      assertThat(phaseflow(concat(start, "--amqp", wrong)))
          .as("the wrong password in the URL is refused")
          .isEqualTo(PhaseflowCommand.BAD_INPUT);
      assertThat(phaseflow(concat(start, "--amqp", wrong, "--amqp-password-file", "" + secret)))
          .as(out + err)
          .isZero();
      assertThat(out.strip()).matches("[0-9a-z-]+");
    } finally {
      try (RedisConnector connector = new RedisConnector(TestServers.redisSettings())) {
        RedisCleanup.deletePrefix(connector, ns);
      }
      try (RabbitBus admin = RabbitBus.connect(shared)) {
        admin.deleteNamespace(ns, List.of());
      }
    }
  }

  private static String[] concat(List<String> a, String... b) {
    return java.util.stream.Stream.concat(a.stream(), java.util.Arrays.stream(b))
        .toArray(String[]::new);
  }
}
