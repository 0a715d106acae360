package io.phaseflow.engine.redis;

import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.WorkflowStepsContract;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The steps contract, on a real Redis (the reads contract is {@link RedisWorkflowReadsIT}). */
class RedisStateStoreIT extends WorkflowStepsContract {
  /** Unique per run, so suites sharing the test database never touch each other's keys. */
  private static final String PREFIX = RedisCleanup.uniquePrefix("pftest");

  private static RedisConnector client;

  @BeforeAll
  static void connect() {
    client = new RedisConnector(TestServers.redisSettings());
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
