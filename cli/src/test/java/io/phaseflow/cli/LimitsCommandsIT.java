package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.ErrorKind;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code phaseflow limits set|show|clear} on the real Redis, in a namespace of their own. */
class LimitsCommandsIT extends CliCapture {
  private final String ns = RedisCleanup.uniquePrefix("pflimitcli");

  @AfterEach
  void deleteNamespace() {
    try (RedisConnector redis = new RedisConnector(TestServers.redisSettings())) {
      RedisCleanup.deletePrefix(redis, ns);
    }
  }

  @Override
  protected int phaseflow(String... args) {
    return onTestServers(ns, args);
  }

  @Test
  void setShowAndClear() {
    assertThat(phaseflow("limits", "show")).as(err).isZero();
    assertThat(out).startsWith("no handler limits");

    assertThat(
            phaseflow(
                "limits", "set", "Crawler", "--max-concurrent", "2", "--max-per-second", "50"))
        .as(err)
        .isZero();
    assertThat(out).isEqualTo("limit set: Crawler v1 (max concurrent 2, max per second 50)\n");
    assertThat(phaseflow("limits", "set", "Crawler", "--major", "2", "--max-concurrent", "5"))
        .as(err)
        .isZero();

    assertThat(phaseflow("limits", "show")).as(err).isZero();
    assertThat(out)
        .isEqualTo(
            "HANDLER                  MAJOR MAX CONCURRENT MAX PER S  LEASES  DEFERRED\n"
                + "Crawler                     v1              2        50       0         0\n"
                + "Crawler                     v2              5         -       0         0\n");

    assertThat(phaseflow("limits", "clear", "Crawler")).as(err).isZero();
    assertThat(out).isEqualTo("limit on Crawler v1 cleared\n");
    assertThat(phaseflow("limits", "clear", "Crawler")).isEqualTo(ErrorKind.NOT_FOUND.exitCode());
    assertThat(err).contains("no limit on handler Crawler v1; phaseflow limits show lists");
  }

  @Test
  void aLimitWithoutAMaxIsRefusedSayingWhatToGive() {
    assertThat(phaseflow("limits", "set", "Crawler"))
        .isEqualTo(ErrorKind.REJECTED_INPUT.exitCode());
    assertThat(err).contains("needs a max concurrent or a max per second above 0");
  }
}
