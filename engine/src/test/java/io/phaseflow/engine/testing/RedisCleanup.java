package io.phaseflow.engine.testing;

import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisNamespace;

/** Deletes what a test class wrote to the test database, by its key prefix. */
public final class RedisCleanup {
  private RedisCleanup() {}

  /** {@code base} plus a random suffix: a key prefix no other test run uses. */
  public static String uniquePrefix(String base) {
    return base + java.util.UUID.randomUUID().toString().substring(0, 6);
  }

  /** Deletes every key that starts with {@code prefix + ":"}; returns how many. */
  public static long deletePrefix(RedisConnector connector, String prefix) {
    return RedisNamespace.deleteNamespace(connector, prefix);
  }
}
