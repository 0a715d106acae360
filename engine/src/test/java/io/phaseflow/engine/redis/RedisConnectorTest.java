package io.phaseflow.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.RejectedInput;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The connector's bounded retries, against a port nothing listens on: no server needed. */
class RedisConnectorTest {
  private static final String SECRET = "Xy7-unreachable-pw";

  @Test
  void deadPortFailsAfterBoundedRetriesWithAHelpfulRetryableError() throws IOException {
    RedisSettings dead =
        RedisSettings.parse("redis://:" + SECRET + "@127.0.0.1:" + freePort() + "/0");
    ConnectRetry fast = new ConnectRetry(4, Duration.ofMillis(10), Duration.ofMillis(40));
    long start = System.nanoTime();

    try (RedisConnector connector = new RedisConnector(dead, fast)) {
      assertThatThrownBy(connector::connect)
          .isInstanceOfSatisfying(PhaseflowException.class, e -> assertThat(e.retryable()).isTrue())
          .message()
          .startsWith("cannot reach Redis at redis://***@127.0.0.1:")
          .contains("after 4 attempts (")
          .contains("Connection refused")
          .endsWith("); is it running? set PHASEFLOW_REDIS_URL or --redis")
          .doesNotContain(SECRET);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void backoffDoublesUpToTheCap() throws IOException {
    List<Duration> waits = new ArrayList<>();
    RedisSettings dead = RedisSettings.parse("127.0.0.1:" + freePort());
    ConnectRetry retry = new ConnectRetry(6, Duration.ofMillis(100), Duration.ofMillis(500));

    try (RedisConnector connector = new RedisConnector(dead, retry, waits::add)) {
      assertThatThrownBy(connector::connect).hasMessageContaining("after 6 attempts");
    }
    assertThat(waits)
        .containsExactly(
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(500),
            Duration.ofMillis(500));
  }

  @Test
  void severalSeedsMeanAClusterWhichHasOnlyDatabaseZero() {
    try (RedisConnector connector =
        new RedisConnector(RedisSettings.parse("redis://127.0.0.1:1,127.0.0.1:2/3"))) {
      assertThatThrownBy(connector::connect)
          .isInstanceOf(RejectedInput.class)
          .hasMessageContaining("is a cluster, which has only database 0, not 3")
          .hasMessageContaining("--namespace");
    }
  }

  @Test
  void aClusterConnectionFollowsFailoversByRefreshingItsTopology() {
    var refresh =
        RedisConnector.clusterOptions(RedisSettings.parse("redis://h:1,h:2"))
            .getTopologyRefreshOptions();

    assertThat(refresh.isPeriodicRefreshEnabled()).isTrue();
    assertThat(refresh.getRefreshPeriod()).isEqualTo(RedisConnector.PERIODIC_REFRESH);
    assertThat(refresh.getAdaptiveRefreshTriggers())
        .contains(
            io.lettuce.core.cluster.ClusterTopologyRefreshOptions.RefreshTrigger.MOVED_REDIRECT,
            io.lettuce.core.cluster.ClusterTopologyRefreshOptions.RefreshTrigger.ASK_REDIRECT,
            io.lettuce.core.cluster.ClusterTopologyRefreshOptions.RefreshTrigger
                .PERSISTENT_RECONNECTS);
  }

  @Test
  void retryPolicyRejectsNonsense() {
    assertThatThrownBy(() -> new ConnectRetry(0, Duration.ZERO, Duration.ZERO))
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> new ConnectRetry(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("must not be below");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
