package io.phaseflow.engine.redis;

/** What is done to a whole namespace's keys at once, rather than to one workflow's. */
public final class RedisNamespace {
  private RedisNamespace() {}

  /**
   * Deletes every key under {@code prefix} (a benchmark's or a test's namespace), scanning in pages
   * rather than with KEYS, so a large database is not blocked; on a Redis Cluster every master is
   * scanned and each page is unlinked slot by slot. Returns how many were deleted.
   */
  public static long deleteNamespace(RedisConnector connector, String prefix) {
    long[] deleted = {0};
    try (RedisConnection c = connector.connect()) {
      c.scan(prefix + ":*", keys -> deleted[0] += c.unlink(keys));
    }
    return deleted[0];
  }
}
