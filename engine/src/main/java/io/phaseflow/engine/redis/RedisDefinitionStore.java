package io.phaseflow.engine.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.core.DefinitionSource;
import io.phaseflow.engine.definition.Definition;
import io.phaseflow.engine.definition.DefinitionLoader;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Definitions in Redis, as their source text, by name and version: {@code PREFIX:def:NAME} is a
 * hash from version to JSON, {@code PREFIX:defs} the set of names. A stored version is never
 * replaced, so every engine compiles the same plan for it. Thread-safe.
 */
public final class RedisDefinitionStore implements DefinitionSource, AutoCloseable {
  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> redis;
  private final String prefix;
  private final DefinitionLoader loader = new DefinitionLoader();

  /** What storing a definition did. */
  public enum Stored {
    ADDED,
    UNCHANGED
  }

  public RedisDefinitionStore(StatefulRedisConnection<String, String> connection, String prefix) {
    this.connection = connection;
    this.redis = connection.sync();
    this.prefix = prefix;
  }

  /**
   * Validates and stores a definition's source.
   *
   * @throws PhaseflowException when that name and version is stored with other content
   */
  public Stored save(Definition definition, String json) {
    return call("storing definition '" + definition.name() + "'", () -> store(definition, json));
  }

  private Stored store(Definition definition, String json) {
    String key = key(definition.name());
    String version = Integer.toString(definition.version());
    if (redis.hsetnx(key, version, json)) {
      redis.sadd(prefix + ":defs", definition.name());
      return Stored.ADDED;
    }
    if (redis.hget(key, version).equals(json)) {
      return Stored.UNCHANGED;
    }
    throw new PhaseflowException(
        "definition '"
            + definition.name()
            + "' version "
            + version
            + " is already loaded with"
            + " different content; running workflows depend on it, so give the changed definition"
            + " a new \"version\"",
        false);
  }

  @Override
  public Optional<Definition> find(String name, int version) {
    String json =
        call(
            "reading definition '" + name + "' version " + version,
            () -> redis.hget(key(name), Integer.toString(version)));
    return json == null
        ? Optional.empty()
        : Optional.of(loader.parse(json, "redis:" + key(name) + "#" + version));
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
      throw new PhaseflowException(
          "Redis failed " + doing + ": " + e.getMessage() + " (nothing was changed)", true, e);
    }
  }

  @Override
  public void close() {
    connection.close();
  }
}
