package io.phaseflow.engine.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * One connection to Redis, standalone or a Redis Cluster, behind the commands both share: {@link
 * RedisClusterCommands} and {@link RedisClusterAsyncCommands} are super-interfaces of Lettuce's
 * standalone and cluster commands, so the stores have one code path for both. On a cluster every
 * single-key command and every script goes to the master of its key's slot (following MOVED and
 * ASK), and pipelined async commands are sent to each key's node. The stores never send a command
 * whose keys span slots; {@link #scan} walks every master.
 *
 * <p>Thread-safe and meant to be shared, like the Lettuce connection it wraps; not for transactions
 * or blocking commands. {@link #close()} closes it.
 */
public final class RedisConnection implements AutoCloseable {
  private final StatefulConnection<String, String> connection;
  private final RedisClusterCommands<String, String> sync;
  private final RedisClusterAsyncCommands<String, String> async;
  private final boolean cluster;

  private RedisConnection(
      StatefulConnection<String, String> connection,
      RedisClusterCommands<String, String> sync,
      RedisClusterAsyncCommands<String, String> async,
      boolean cluster) {
    this.connection = connection;
    this.sync = sync;
    this.async = async;
    this.cluster = cluster;
  }

  /** A connection to a standalone server (or one opened by hand, e.g. a test's). */
  public static RedisConnection standalone(StatefulRedisConnection<String, String> connection) {
    return new RedisConnection(connection, connection.sync(), connection.async(), false);
  }

  /** A connection to a Redis Cluster, which routes each command to its slot's master. */
  public static RedisConnection cluster(StatefulRedisClusterConnection<String, String> connection) {
    return new RedisConnection(connection, connection.sync(), connection.async(), true);
  }

  public RedisClusterCommands<String, String> sync() {
    return sync;
  }

  public RedisClusterAsyncCommands<String, String> async() {
    return async;
  }

  /** Whether the server is a Redis Cluster. */
  public boolean cluster() {
    return cluster;
  }

  /** The command timeout. */
  public Duration timeout() {
    return connection.getTimeout();
  }

  /**
   * Every key matching {@code match}, a page at a time, with SCAN rather than KEYS so no server is
   * blocked. On a cluster Lettuce's SCAN walks every master in turn (its cursor names the node), so
   * the keys of every slot are seen.
   */
  public void scan(String match, Consumer<List<String>> page) {
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> found = sync.scan(cursor, ScanArgs.Builder.matches(match).limit(1000));
      if (!found.getKeys().isEmpty()) {
        page.accept(found.getKeys());
      }
      cursor = found;
    } while (!cursor.isFinished());
  }

  /**
   * Unlinks {@code keys}; on a cluster Lettuce splits them by slot and sends one UNLINK per slot,
   * so no command spans slots. Returns how many existed.
   */
  public long unlink(List<String> keys) {
    return keys.isEmpty() ? 0 : sync.unlink(keys.toArray(String[]::new));
  }

  @Override
  public void close() {
    connection.close();
  }
}
