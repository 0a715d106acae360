package io.phaseflow.engine.testing;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.phaseflow.engine.redis.RedisConnector;

/** Deletes what a test class wrote to the test database, by its key prefix. */
public final class RedisCleanup {
  private RedisCleanup() {}

  /** {@code base} plus a random suffix: a key prefix no other test run uses. */
  public static String uniquePrefix(String base) {
    return base + java.util.UUID.randomUUID().toString().substring(0, 6);
  }

  /** Deletes every key that starts with {@code prefix + ":"}; returns how many. */
  public static long deletePrefix(RedisConnector connector, String prefix) {
    long deleted = 0;
    try (StatefulRedisConnection<String, String> c = connector.connect()) {
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page =
            c.sync().scan(cursor, ScanArgs.Builder.matches(prefix + ":*").limit(1000));
        if (!page.getKeys().isEmpty()) {
          deleted += c.sync().unlink(page.getKeys().toArray(String[]::new));
        }
        cursor = page;
      } while (!cursor.isFinished());
    }
    return deleted;
  }
}
