package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.RepoFiles;
import io.phaseflow.engine.testing.TestServers;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code run --redis --namespace NAME} keeps the state under NAME, as the cluster commands do. */
class RunRedisNamespaceIT extends CliCapture {

  @Test
  void theWorkflowIsStoredUnderTheNamespaceAndReadBackThroughIt() {
    String ns = RedisCleanup.uniquePrefix("pfrunns");
    String redis = TestServers.redisUrlOnTestDatabase();
    try {
      int code =
          phaseflow(
              "run",
              RepoFiles.definition("search.json").toString(),
              "--redis",
              redis,
              "--namespace",
              ns);

      assertThat(code).as(out + err).isZero();
      Matcher id = Pattern.compile("workflow (\\S+) succeeded").matcher(out);
      assertThat(id.find()).as(out).isTrue();
      assertThat(out)
          .containsPattern("LRANGE '" + ns + ":\\{\\d+}" + id.group(1) + ":h'")
          .contains("phaseflow history " + id.group(1) + " --namespace " + ns);
      assertThat(phaseflow("status", id.group(1), "--redis", redis, "--namespace", ns))
          .as(err)
          .isZero();
      assertThat(phaseflow("status", id.group(1), "--redis", redis)).isEqualTo(2);
    } finally {
      try (RedisConnector connector = new RedisConnector(TestServers.redisSettings())) {
        RedisCleanup.deletePrefix(connector, ns);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"pf", "a:b", "a.b", ""})
  void aNamespaceTheClusterCommandsRefuseIsRefusedBeforeRunning(String ns) {
    int code =
        phaseflow(
            "run", RepoFiles.definition("search.json").toString(), "--redis", "--namespace", ns);

    assertThat(code).isEqualTo(PhaseflowCommand.BAD_INPUT);
    assertThat(out).doesNotContain("workflow search v1");
  }

  @Test
  void aNamespaceWithoutRedisIsRefused() {
    int code =
        phaseflow("run", RepoFiles.definition("search.json").toString(), "--namespace", "x1");

    assertThat(code).isEqualTo(PhaseflowCommand.BAD_INPUT);
    assertThat(err).contains("--namespace needs --redis");
  }
}
