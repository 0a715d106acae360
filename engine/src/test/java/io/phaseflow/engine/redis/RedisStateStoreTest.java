package io.phaseflow.engine.redis;

import io.lettuce.core.RedisClient;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.StateStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The state store contract, on a real Redis. */
class RedisStateStoreTest extends StateStoreContract {
  private static RedisClient client;

  @BeforeAll
  static void connect() {
    String url = System.getenv().getOrDefault("PHASEFLOW_REDIS_URL", "redis://127.0.0.1:6379");
    client = RedisClient.create(url + "/15");
  }

  @AfterAll
  static void disconnect() {
    client.shutdown();
  }

  @Override
  protected StateStore newStore() {
    return new RedisStateStore(client.connect(), "pftest", RETENTION, "test redis");
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
