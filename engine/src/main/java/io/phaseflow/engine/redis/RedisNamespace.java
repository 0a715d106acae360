package io.phaseflow.engine.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;

/** What is done to a whole namespace's keys at once, rather than to one workflow's. */
public final class RedisNamespace {
  private RedisNamespace() {}

  /**
   * Deletes every key under {@code prefix} (a benchmark's or a test's namespace), scanning in pages
   * rather than with KEYS, so a large database is not blocked. Returns how many were deleted.
   */
  public static long deleteNamespace(RedisConnector connector, String prefix) {
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
