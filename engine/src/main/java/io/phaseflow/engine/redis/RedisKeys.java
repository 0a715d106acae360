package io.phaseflow.engine.redis;

/**
 * Key names. Every key of one workflow carries the hash tag {@code {id}}, so they all live in one
 * Redis Cluster slot and each script touches one workflow's keys only. Immutable; thread-safe.
 *
 * <pre>
 *   PREFIX:{id}        hash  the workflow
 *   PREFIX:{id}:h      list  its transition history, oldest first
 *   PREFIX:{id}:e:N    hash  phase entry N: barrier count, jobs, their states and outputs
 * </pre>
 */
final class RedisKeys {
  private final String prefix;

  RedisKeys(String prefix) {
    if (prefix.isEmpty() || prefix.contains("{") || prefix.contains("}")) {
      throw new IllegalArgumentException(
          "key prefix '" + prefix + "' must be non-empty and free of braces (they are hash tags)");
    }
    this.prefix = prefix;
  }

  /** The part every key of the workflow starts with. */
  String workflow(String id) {
    return prefix + ":{" + id + "}";
  }

  String history(String id) {
    return workflow(id) + ":h";
  }

  String entry(String id, int entry) {
    return workflow(id) + ":e:" + entry;
  }
}
