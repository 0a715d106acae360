package io.phaseflow.engine.redis;

import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.WorkflowStepsContract;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.RedisClusterServers;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * The steps contract on a Redis Cluster: every script must keep to one slot, or the cluster refuses
 * it.
 */
@Tag(RedisClusterServers.TAG)
class RedisClusterStoreIT extends WorkflowStepsContract {
  /** Unique per run, so suites sharing the test database never touch each other's keys. */
  private static final String PREFIX = RedisCleanup.uniquePrefix("pfcl");

  private static RedisConnector client;

  @BeforeAll
  static void connect() {
    client = RedisClusterServers.connector();
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
  protected void elapse(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
