package io.phaseflow.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.testing.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Against the real Redis of {@link TestServers} ({@link RedisConnectorTest}: the retries against a
 * port nothing listens on).
 */
class RedisConnectorIT {
  private static final String SECRET = "Xy7-unreachable-pw";

  @Test
  void connectsAndPingsOnTheTestDatabase() {
    try (RedisConnector connector = new RedisConnector(TestServers.redisSettings());
        RedisConnection connection = connector.connect()) {
      assertThat(connection.sync().ping()).isEqualTo("PONG");
      String key = "phaseflow:test:connector:" + System.nanoTime();
      connection.sync().set(key, "värde");
      assertThat(connection.sync().get(key)).isEqualTo("värde");
      assertThat(connection.sync().del(key)).isEqualTo(1);
    }
  }

  @Test
  void wrongPasswordIsNotRetried() {
    // The local test Redis has no password: AUTH is refused, which retrying cannot fix.
    RedisSettings settings = TestServers.redisSettings();
    RedisSettings withPassword =
        RedisSettings.parse(
            "redis://nobody:"
                + SECRET
                + "@"
                + settings.host()
                + ":"
                + settings.port()
                + "/"
                + settings.database());
    List<Duration> waits = new ArrayList<>();

    try (RedisConnector connector =
        new RedisConnector(withPassword, ConnectRetry.DEFAULT, waits::add)) {
      assertThatThrownBy(connector::connect)
          .isInstanceOfSatisfying(
              PhaseflowException.class, e -> assertThat(e.retryable()).isFalse())
          .message()
          .contains("refused the connection setup")
          .contains("redis://nobody:***@")
          .doesNotContain(SECRET);
    }
    // A refusal ends the retries at once; a wait may only come from an earlier attempt that did not
    // reach Redis at all (a loaded shared server), never from the refusal itself.
    assertThat(waits).hasSizeLessThan(ConnectRetry.DEFAULT.attempts() - 1);
  }
}
