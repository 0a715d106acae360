package io.phaseflow.engine.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.phaseflow.engine.ServerUnavailable;
import io.phaseflow.engine.deployed.HandlerDirectory;
import io.phaseflow.engine.deployed.HandlerSighting;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The handler directory of a namespace in one Redis hash, {@code PREFIX:handlers}: one field per
 * handler and process, {@code NAME|VERSION|PROCESS|SEMVER} ({@code |SEMVER} absent when the
 * handler's full version is VERSION.0.0, and in fields of processes older than semantic versions),
 * valued {@code instances|enumerates|seen-ms}. The full version goes in the field, not the value,
 * so that an older reader sees it as part of the process and still reads the value. One key, so it
 * lives in one slot on Redis Cluster. Bounded: each announcement forgets the sightings older than
 * {@link HandlerDirectory#FORGET} and, past {@link #MAX_SIGHTINGS}, the oldest. Thread-safe (a
 * Lettuce connection is).
 */
public final class RedisHandlerDirectory implements HandlerDirectory, AutoCloseable {
  /** The most sightings kept: far more than the processes of any cluster within a week. */
  static final int MAX_SIGHTINGS = 1_000;

  private final RedisConnection connection;
  private final RedisClusterCommands<String, String> redis;
  private final String key;
  private final Clock clock;

  public RedisHandlerDirectory(RedisConnection connection, String prefix, Clock clock) {
    this.connection = connection;
    this.redis = connection.sync();
    this.key = RedisLayout.checkPrefix(prefix) + ":handlers";
    this.clock = clock;
  }

  @Override
  public void announce(List<HandlerSighting> sightings) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (HandlerSighting s : sightings) {
      String semver = s.semver().equals(s.version() + ".0.0") ? "" : "|" + s.semver();
      fields.put(
          s.name() + "|" + s.version() + "|" + s.process() + semver,
          s.instances() + "|" + (s.enumerates() ? 1 : 0) + "|" + s.seenAt());
    }
    call(
        "announcing handlers",
        () -> {
          if (!fields.isEmpty()) {
            redis.hset(key, fields);
          }
          List<String> forget = forget(read(), clock.millis());
          if (!forget.isEmpty()) {
            redis.hdel(key, forget.toArray(String[]::new));
          }
          return null;
        });
  }

  @Override
  public List<HandlerSighting> sightings() {
    return call("reading the handler directory", this::read).values().stream().toList();
  }

  private Map<String, HandlerSighting> read() {
    Map<String, HandlerSighting> sightings = new LinkedHashMap<>();
    redis
        .hgetall(key)
        .forEach(
            (field, value) -> {
              String[] f = field.split("\\|", 4);
              String[] v = value.split("\\|", 3);
              try {
                sightings.put(
                    field,
                    new HandlerSighting(
                        f[0],
                        Integer.parseInt(f[1]),
                        f[2],
                        Integer.parseInt(v[0]),
                        v[1].equals("1"),
                        Long.parseLong(v[2]),
                        f.length > 3 ? f[3] : null));
              } catch (RuntimeException e) {
                // Not written by this code: it is not a sighting, and the next prune drops it.
                sightings.put(field, new HandlerSighting(field, 0, "?", 0, false, 0));
              }
            });
    return sightings;
  }

  /** The fields to forget: older than FORGET, then the oldest past MAX_SIGHTINGS. Pure. */
  static List<String> forget(Map<String, HandlerSighting> sightings, long now) {
    List<Map.Entry<String, HandlerSighting>> byAge = new ArrayList<>(sightings.entrySet());
    byAge.sort(Comparator.comparingLong(e -> -e.getValue().seenAt()));
    List<String> forget = new ArrayList<>();
    for (int i = 0; i < byAge.size(); i++) {
      HandlerSighting s = byAge.get(i).getValue();
      if (i >= MAX_SIGHTINGS || now - s.seenAt() > HandlerDirectory.FORGET.toMillis()) {
        forget.add(byAge.get(i).getKey());
      }
    }
    return forget;
  }

  @Override
  public void close() {
    connection.close();
  }

  private static <T> T call(String doing, Supplier<T> command) {
    try {
      return command.get();
    } catch (RedisException e) {
      throw new ServerUnavailable("Redis failed " + doing + ": " + e.getMessage(), e);
    }
  }
}
