package io.phaseflow.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.phaseflow.engine.core.TransitionLimitContract;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The transition limit with state in a real Redis: the stopped workflow's keys all expire. */
class TransitionLimitRedisIT extends TransitionLimitContract {
  private static final String PREFIX = RedisCleanup.uniquePrefix("pflimit");
  private static final Duration RETENTION = Duration.ofHours(2);

  private static RedisConnector client;
  private static RedisClusterCommands<String, String> redis;

  @BeforeAll
  static void connect() {
    client = new RedisConnector(TestServers.redisSettings());
    redis = client.connect().sync();
  }

  @AfterAll
  static void disconnect() {
    RedisCleanup.deletePrefix(client, PREFIX);
    client.close();
  }

  @Override
  protected StateStore newStore() {
    return RedisStateStore.connect(client, PREFIX, RETENTION);
  }

  @Override
  protected void assertExpires(StateStore store, String id) {
    var keys = ((RedisStateStore) store).keysOf(id);
    assertThat(keys).hasSizeGreaterThan(2);
    for (String key : keys) {
      assertThat(redis.ttl(key)).as(key).isBetween(7000L, 7200L);
    }
  }
}
