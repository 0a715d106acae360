package io.phaseflow.engine.redis;

import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.phaseflow.engine.ServerUnavailable;
import io.phaseflow.engine.StateConflict;
import io.phaseflow.engine.state.ListingKey;
import io.phaseflow.engine.state.WorkflowStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Opens a namespace at the layout format this code writes. A namespace records its format in {@code
 * PREFIX:format} (version and shard count), written when it is first opened. A namespace without
 * that key but with workflows of format 1 (before the key existed), or of format 2 (one index set
 * per shard, status and definition, before buckets), is migrated once, by whichever engine or CLI
 * opens it first, under a lock; the others wait for the current format key. Old engines must be
 * stopped first: they would keep writing the old layout. A newer format than this code knows is
 * refused. Not thread-safe: one per store, used while it is built.
 */
final class RedisFormat {
  private static final long LOCK_SECONDS = 600;
  private static final long WAIT_MILLIS = 60_000;

  private final RedisConnection connection;
  private final RedisClusterCommands<String, String> redis;
  private final RedisScripts scripts;
  private final String prefix;
  private final String formatKey;
  private final String lockKey;

  RedisFormat(RedisConnection connection, RedisScripts scripts, String prefix) {
    this.connection = connection;
    this.redis = connection.sync();
    this.scripts = scripts;
    this.prefix = RedisLayout.checkPrefix(prefix);
    this.formatKey = RedisLayout.format(prefix);
    this.lockKey = RedisLayout.migrationLock(prefix);
  }

  RedisLayout open() {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (true) {
      Map<String, String> format = redis.hgetall(formatKey);
      if (!format.isEmpty() && version(format) >= RedisLayout.FORMAT) {
        return layout(format);
      }
      String token = UUID.randomUUID().toString();
      String locked = redis.set(lockKey, token, SetArgs.Builder.nx().ex(LOCK_SECONDS));
      if ("OK".equals(locked)) {
        try {
          return upgrade();
        } finally {
          if (token.equals(redis.get(lockKey))) {
            redis.del(lockKey);
          }
        }
      }
      if (System.currentTimeMillis() > deadline) {
        throw new ServerUnavailable(
            "namespace "
                + prefix
                + " is being migrated by another process and has no current format key yet;"
                + " wait for it to finish, or delete "
                + lockKey
                + " if that process died");
      }
      sleep();
    }
  }

  /**
   * Under the lock: moves format 1 workflows over, or format 2's index into buckets, then writes
   * the format key (last, so a migration cut short is done again, each step being repeatable).
   */
  private RedisLayout upgrade() {
    Map<String, String> format = redis.hgetall(formatKey);
    if (!format.isEmpty() && version(format) >= RedisLayout.FORMAT) {
      return layout(format); // another process finished before we took the lock
    }
    RedisLayout layout;
    if (format.isEmpty()) {
      layout = new RedisLayout(prefix, RedisLayout.DEFAULT_SHARDS);
      migrateFormat1(layout);
    } else {
      layout = new RedisLayout(prefix, Integer.parseInt(format.get(RedisLayout.FORMAT_SHARDS)));
      bucketIndex(layout);
    }
    redis.hset(
        formatKey,
        Map.of(
            RedisLayout.FORMAT_VERSION,
            Integer.toString(RedisLayout.FORMAT),
            RedisLayout.FORMAT_SHARDS,
            Integer.toString(layout.shards())));
    return layout;
  }

  /**
   * Format 2 to 3: each shard's one index set per status and definition is spread over the
   * workflows' buckets, a thousand members at a time. Every command touches one key, so it runs on
   * a Redis Cluster too; a member added twice is one member, so a cut-short run is simply redone.
   */
  private void bucketIndex(RedisLayout layout) {
    for (int shard = 0; shard < layout.shards(); shard++) {
      for (String definition : redis.smembers(layout.indexedDefinitions(shard))) {
        for (WorkflowStatus status : WorkflowStatus.values()) {
          String old = layout.unbucketedIndex(shard, status, definition);
          for (List<String> chunk = redis.zrange(old, 0, 999);
              !chunk.isEmpty();
              chunk = redis.zrange(old, 0, 999)) {
            Map<String, List<ScoredValue<String>>> bySet = new HashMap<>();
            for (String member : chunk) {
              String set = layout.indexBase(ListingKey.id(member), status) + definition;
              bySet.computeIfAbsent(set, k -> new ArrayList<>()).add(ScoredValue.just(0, member));
            }
            bySet.forEach((set, members) -> redis.zadd(set, members.toArray(ScoredValue[]::new)));
            redis.zrem(old, chunk.toArray(String[]::new));
          }
        }
      }
    }
  }

  private void migrateFormat1(RedisLayout layout) {
    // A format 1 workflow hash is PREFIX:{ID}; format 2 keys never end in '}' (ids have no braces).
    connection.scan(
        prefix + ":{*}",
        keys -> {
          if (connection.cluster()) {
            throw new StateConflict(
                "namespace "
                    + prefix
                    + " holds workflows of layout format 1 (e.g. "
                    + keys.get(0)
                    + "), which moves keys across slots and cannot be migrated on a Redis"
                    + " Cluster; open it once with this version against a standalone Redis");
          }
          for (String old : keys) {
            String id = old.substring(prefix.length() + 2, old.length() - 1);
            migrate(layout, old, id);
          }
        });
    connection.scan(prefix + ":ix:*", connection::unlink);
  }

  private void migrate(RedisLayout layout, String old, String id) {
    int shard = layout.shard(id);
    String[] keys = {old, layout.workflow(id), layout.indexedDefinitions(shard)};
    List<String> args = new ArrayList<>();
    args.add(id);
    for (WorkflowStatus s : WorkflowStatus.values()) {
      args.add(RedisLayout.status(s));
      args.add(layout.indexBase(id, s));
    }
    scripts.call(
        RedisScripts.Script.MIGRATE, ScriptOutputType.INTEGER, keys, args.toArray(String[]::new));
  }

  private static int version(Map<String, String> format) {
    return Integer.parseInt(format.getOrDefault(RedisLayout.FORMAT_VERSION, "0"));
  }

  private RedisLayout layout(Map<String, String> format) {
    int version = version(format);
    if (version > RedisLayout.FORMAT) {
      throw new StateConflict(
          "namespace "
              + prefix
              + " was written by format "
              + version
              + "; this Phaseflow reads up to "
              + RedisLayout.FORMAT
              + "; upgrade it");
    }
    return new RedisLayout(prefix, Integer.parseInt(format.get(RedisLayout.FORMAT_SHARDS)));
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerUnavailable("interrupted while waiting for a namespace migration", e);
    }
  }
}
