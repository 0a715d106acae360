package io.phaseflow.bench;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads workflows key by key with their documented layout (README "State in Redis"): {@code
 * PREFIX:{S}id} the workflow hash, {@code :h} the history, {@code :e:N} the entries. Meant for a
 * Redis that holds one cluster only (the chaos run's own): {@link #ids} scans every key. Not
 * thread-safe (one connection's sync commands).
 */
final class StoredWorkflowReader {
  private final RedisClusterCommands<String, String> redis;
  private final String prefix;
  private final Function<String, String> workflowKey;

  /**
   * @param workflowKey the key of a workflow's hash by id, from the store
   */
  StoredWorkflowReader(
      RedisClusterCommands<String, String> redis,
      String prefix,
      Function<String, String> workflowKey) {
    this.redis = redis;
    this.prefix = prefix;
    this.workflowKey = workflowKey;
  }

  /** The id of every workflow hash in the database. */
  Set<String> ids() {
    Set<String> ids = new LinkedHashSet<>();
    ScanArgs match = ScanArgs.Builder.matches(prefix + ":{*}*").limit(1000);
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = redis.scan(cursor, match);
      for (String key : page.getKeys()) {
        String rest = key.substring(key.indexOf('}') + 1);
        if (!rest.isEmpty() && !rest.contains(":")) { // a workflow hash, not its other keys
          ids.add(rest);
        }
      }
      cursor = page;
    } while (!cursor.isFinished());
    return ids;
  }

  /**
   * The workflow's status letter ({@code R}, {@code S}, {@code F}), empty when it is not stored.
   */
  Optional<String> status(String id) {
    return Optional.ofNullable(redis.hget(workflowKey(id), "s"));
  }

  /** Everything stored about the workflow, empty when its hash is not. */
  Optional<StoredWorkflow> read(String id) {
    String key = workflowKey(id);
    Map<String, String> workflow = redis.hgetall(key);
    if (workflow.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Long> ttls = new LinkedHashMap<>();
    ttl(key, ttls);
    ttl(key + ":h", ttls);
    int entries = Integer.parseInt(workflow.getOrDefault("e", "0"));
    Map<Integer, Map<String, String>> entryHashes = new LinkedHashMap<>();
    for (int n = 1; n <= entries; n++) {
      Map<String, String> entry = redis.hgetall(key + ":e:" + n);
      if (!entry.isEmpty()) {
        entryHashes.put(n, entry);
        ttl(key + ":e:" + n, ttls);
      }
    }
    return Optional.of(
        new StoredWorkflow(id, workflow, redis.lrange(key + ":h", 0, -1), entryHashes, ttls));
  }

  private void ttl(String key, Map<String, Long> ttls) {
    long ttl = redis.pttl(key);
    if (ttl != -2) { // -2: no such key; what is missing is found by the checker
      ttls.put(key, ttl);
    }
  }

  private String workflowKey(String id) {
    return workflowKey.apply(id);
  }
}
