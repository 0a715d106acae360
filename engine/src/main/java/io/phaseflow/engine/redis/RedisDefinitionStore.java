package io.phaseflow.engine.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.phaseflow.engine.ServerUnavailable;
import io.phaseflow.engine.StateConflict;
import io.phaseflow.engine.core.DefinitionSource;
import io.phaseflow.engine.plan.CompiledDefinition;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Definitions in Redis, as their source text, by name and version: {@code PREFIX:def:NAME} is a
 * hash from version to JSON, {@code PREFIX:defs} the set of names. Only a {@link
 * CompiledDefinition} can be stored, so only text that validated and compiled reaches Redis. A
 * stored version is never replaced, so every engine compiles the same plan for it. Every command
 * names one key, so it works unchanged on a Redis Cluster (the two keys may sit in different
 * slots): the text is stored first and the name added after it, by every save, so a save cut off
 * between the two is completed by the next one. Thread-safe.
 */
public final class RedisDefinitionStore implements DefinitionSource, AutoCloseable {
  private final RedisConnection connection;
  private final RedisClusterCommands<String, String> redis;
  private final String prefix;

  /** What storing a definition did. */
  public enum Stored {
    ADDED,
    UNCHANGED
  }

  public RedisDefinitionStore(RedisConnection connection, String prefix) {
    this.connection = connection;
    this.redis = connection.sync();
    this.prefix = prefix;
  }

  /**
   * Stores a compiled definition's text under its name and version, unless already there. It does
   * not validate: the type says that was done.
   *
   * @throws StateConflict when that name and version is stored with other content
   */
  public Stored save(CompiledDefinition definition) {
    return call("storing definition '" + definition.name() + "'", () -> store(definition));
  }

  private Stored store(CompiledDefinition definition) {
    String key = key(definition.name());
    String version = Integer.toString(definition.version());
    String json = definition.text();
    if (redis.hsetnx(key, version, json)) {
      redis.sadd(prefix + ":defs", definition.name());
      return Stored.ADDED;
    }
    String stored = redis.hget(key, version);
    if (stored.equals(json)) {
      redis.sadd(prefix + ":defs", definition.name()); // completes a save cut off before it
      return Stored.UNCHANGED;
    }
    throw new StateConflict(
        "definition '"
            + definition.name()
            + "' version "
            + version
            + " is already loaded with different content (stored sha256 "
            + CompiledDefinition.sha256(stored).substring(0, 12)
            + ", this one "
            + definition.hash().substring(0, 12)
            + "); running workflows depend on it, so give the changed definition a new"
            + " \"version\"");
  }

  /**
   * The stored definition, compiled: stored text validated when it was loaded, but a reader cannot
   * know it was not written by other means, and compiling parses it anyway.
   */
  @Override
  public Optional<CompiledDefinition> find(String name, int version) {
    String json =
        call(
            "reading definition '" + name + "' version " + version,
            () -> redis.hget(key(name), Integer.toString(version)));
    return json == null
        ? Optional.empty()
        : Optional.of(CompiledDefinition.of(json, "redis:" + key(name) + "#" + version));
  }

  @Override
  public OptionalInt latestVersion(String name) {
    return call("reading the versions of definition '" + name + "'", () -> redis.hkeys(key(name)))
        .stream()
        .mapToInt(Integer::parseInt)
        .max();
  }

  /** Every stored definition name. */
  @Override
  public Set<String> names() {
    return new TreeSet<>(call("listing the definitions", () -> redis.smembers(prefix + ":defs")));
  }

  /** The stored versions of {@code name}, ascending. */
  public List<Integer> versions(String name) {
    return call("reading the versions of definition '" + name + "'", () -> redis.hkeys(key(name)))
        .stream()
        .map(Integer::parseInt)
        .sorted()
        .toList();
  }

  private String key(String name) {
    return prefix + ":def:" + name;
  }

  /** A Redis failure becomes a retryable Phaseflow error saying what was being done. */
  private static <T> T call(String doing, Supplier<T> command) {
    try {
      return command.get();
    } catch (RedisException e) {
      throw new ServerUnavailable(
          "Redis failed " + doing + ": " + e.getMessage() + " (nothing was changed)", e);
    }
  }

  @Override
  public void close() {
    connection.close();
  }
}
