package io.phaseflow.engine.redis;

import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.WorkflowReadsContract;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.RedisClusterServers;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * The reads contract on a Redis Cluster: the listing index is merged from shards on every master.
 */
@Tag(RedisClusterServers.TAG)
class RedisClusterReadsIT extends WorkflowReadsContract {
  /** Unique per run, so suites sharing the test database never touch each other's keys. */
  private static final String PREFIX = RedisCleanup.uniquePrefix("pfclreads");

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
