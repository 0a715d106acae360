package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.RepoFiles;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.RabbitBus;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code phaseflow start --wait} on real servers with no engine running: it shows progress while it
 * waits and, past {@code --timeout}, exits 3 as the README documents (not 4: no server failed).
 */
class StartWaitIT extends CliCapture {
  private String ns;

  @BeforeEach
  void loadSearch() {
    ns = RedisCleanup.uniquePrefix("pfstartwait");
    assertThat(phaseflow("load", RepoFiles.definition("search.json").toString())).as(err).isZero();
  }

  @AfterEach
  void deleteNamespace() {
    try (RedisConnector redis = new RedisConnector(TestServers.redisSettings())) {
      RedisCleanup.deletePrefix(redis, ns);
    }
    try (RabbitBus admin = RabbitBus.connect(AmqpSettings.parse(TestServers.amqpUrl()))) {
      admin.deleteNamespace(ns, List.of());
    }
  }

  @Override
  protected int phaseflow(String... args) {
    return onTestServers(ns, args);
  }

  @Test
  void oneWorkflowNotEndedWithinTheTimeoutExits3() {
    int code = phaseflow("start", "search", "--wait", "--timeout", "1s");

    assertThat(code).as(out + err).isEqualTo(PhaseflowCommand.TIMED_OUT);
    assertThat(err).contains("not started after --timeout 1.0 s; is a phaseflow engine running");
  }

  @Test
  void manyWorkflowsShowProgressWhileWaitingThenExit3PastTheTimeout() {
    int code =
        phaseflow(
            "start", "search", "--count", "3", "--wait", "--timeout", "2s", "--progress", "500ms");

    assertThat(code).as(out + err).isEqualTo(PhaseflowCommand.TIMED_OUT);
    assertThat(err.lines().filter(l -> l.startsWith("waited ")))
        .hasSizeGreaterThanOrEqualTo(2)
        .allMatch(l -> l.endsWith(": 0 succeeded, 0 failed, 3 running of 3"));
    assertThat(err)
        .contains("3 of 3 workflows still running after --timeout 2.0 s")
        .contains("is a phaseflow engine running");
  }
}
