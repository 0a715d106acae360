package io.phaseflow.engine.redis;

import io.phaseflow.engine.state.WorkflowStatus;

/**
 * Key names. Every key of one workflow carries the hash tag {@code {id}}, so they all live in one
 * Redis Cluster slot and each script touches one workflow's keys only. Immutable; thread-safe.
 *
 * <pre>
 *   PREFIX:{id}        hash  the workflow
 *   PREFIX:{id}:h      list  its transition history, oldest first
 *   PREFIX:{id}:e:N    hash  phase entry N: barrier count, jobs, their states and outputs
 *   PREFIX:ix:STATUS:DEFINITION  sorted set  listing keys of the workflows of DEFINITION that
 *                      stand at STATUS (running, succeeded, failed), ordered by member
 *   PREFIX:ix:defs     set   the definitions that have index sets
 * </pre>
 *
 * The index keys are outside every workflow's slot: they are written next to the workflow's script,
 * not in it, and readers repair what a crash in between left behind.
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

  String index(WorkflowStatus status, String definition) {
    return prefix + ":ix:" + status.name().toLowerCase(java.util.Locale.ROOT) + ":" + definition;
  }

  String indexedDefinitions() {
    return prefix + ":ix:defs";
  }

  String history(String id) {
    return workflow(id) + ":h";
  }

  String entry(String id, int entry) {
    return workflow(id) + ":e:" + entry;
  }
}
