package io.phaseflow.engine.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.ServerUnavailable;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Owns the Lettuce client of one Redis, standalone or a Redis Cluster, and opens {@link
 * RedisConnection}s to it. It is a cluster when the settings list several seed nodes or when the
 * one server says {@code cluster_enabled:1} (asked once, on the first connection); then a {@link
 * RedisClusterClient} is used, whose topology is refreshed on MOVED and ASK replies, on persistent
 * reconnects and every {@link #PERIODIC_REFRESH}, so a master failover is followed. The first
 * connection is retried with exponential backoff (Lettuce's auto-reconnect only covers connections
 * that were up once); once connected, Lettuce reconnects by itself. While a standalone connection
 * is disconnected commands fail at once instead of queueing without bound; a cluster connection's
 * commands wait for their node (at most the command timeout), so that those of a master that failed
 * over are sent to its successor.
 *
 * <p>Thread-safe. The connections it returns are thread-safe too and meant to be shared, except for
 * transactions ({@code MULTI}), blocking commands and manual flushing, which need a connection of
 * their own. {@link #close()} closes every connection it opened.
 */
public final class RedisConnector implements AutoCloseable {
  /** Sleeps between connection attempts; a seam for tests. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final RedisSettings settings;
  private final ConnectRetry retry;
  private final Sleeper sleeper;
  private final ClientResources resources;
  private final RedisClient client;
  private RedisClusterClient clusterClient; // guarded by this
  private Boolean cluster; // null until the first connection says; guarded by this

  /** How often a cluster connection re-reads the topology even without a trigger. */
  static final Duration PERIODIC_REFRESH = Duration.ofSeconds(10);

  /** A connector that tries the first connection 5 times, waiting 100 ms, then 200 ms, ... */
  public RedisConnector(RedisSettings settings) {
    this(settings, ConnectRetry.DEFAULT);
  }

  public RedisConnector(RedisSettings settings, ConnectRetry retry) {
    this(settings, retry, duration -> Thread.sleep(duration.toMillis()));
  }

  RedisConnector(RedisSettings settings, ConnectRetry retry, Sleeper sleeper) {
    this.settings = settings;
    this.retry = retry;
    this.sleeper = sleeper;
    this.resources =
        ClientResources.builder()
            // Later reconnects: 100 ms doubling up to 10 s, so a restarting server is not hammered.
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(100), Duration.ofSeconds(10), 2, TimeUnit.MILLISECONDS))
            .build();
    this.client = RedisClient.create(resources, settings.toRedisUri());
    client.setOptions(clientOptions(settings));
  }

  static ClientOptions clientOptions(RedisSettings settings) {
    return ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(
            SocketOptions.builder()
                .connectTimeout(settings.commandTimeout())
                .keepAlive(true)
                .build())
        .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
        .build();
  }

  static ClusterClientOptions clusterOptions(RedisSettings settings) {
    ClientOptions base = clientOptions(settings);
    // Not REJECT_COMMANDS: a cluster connection opens its node connections lazily, and Lettuce
    // rejects a command waiting for one. A command for a node that is (re)connecting waits instead,
    // bounded by the command timeout, and is sent to the slot's new master after a failover.
    return ClusterClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
        .socketOptions(base.getSocketOptions())
        .timeoutOptions(base.getTimeoutOptions())
        .topologyRefreshOptions(
            ClusterTopologyRefreshOptions.builder()
                .enablePeriodicRefresh(PERIODIC_REFRESH)
                .enableAllAdaptiveRefreshTriggers()
                .adaptiveRefreshTriggersTimeout(Duration.ofMillis(500))
                .refreshTriggersReconnectAttempts(2)
                .build())
        .build();
  }

  public RedisSettings settings() {
    return settings;
  }

  /** Whether Redis is a cluster (known once a connection was opened; asks the server if not). */
  public boolean isCluster() {
    try (RedisConnection c = connect()) {
      return c.cluster();
    }
  }

  /**
   * Opens a connection (UTF-8 strings), retrying per the {@link ConnectRetry}.
   *
   * @throws ServerUnavailable when Redis cannot be reached after the last attempt
   * @throws RejectedInput when Redis refused the credentials or the database index
   */
  public RedisConnection connect() {
    Duration delay = retry.initialDelay();
    RuntimeException last = null;
    for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
      if (attempt > 1) {
        sleep(delay);
        delay = retry.next(delay);
      }
      try {
        return open();
      } catch (RedisException e) {
        if (isRefusal(e) && reason(e).contains("cluster support disabled")) {
          throw new RejectedInput(
              "the Redis URL "
                  + settings.redacted()
                  + " lists several seed nodes, but the server is not a Redis Cluster ("
                  + reason(e)
                  + "); give the one server's URL");
        }
        if (isRefusal(e)) {
          throw new RejectedInput(
              "Redis at "
                  + settings.redacted()
                  + " refused the connection setup ("
                  + reason(e)
                  + "); check the password, user and database index in the URL");
        }
        last = e;
      }
    }
    throw new ServerUnavailable(
        "cannot reach Redis at "
            + settings.redacted()
            + " after "
            + retry.attempts()
            + " attempt"
            + (retry.attempts() == 1 ? "" : "s")
            + " ("
            + reason(last)
            + "); is it running? set "
            + RedisSettings.ENV_VARIABLE
            + " or --redis",
        last);
  }

  /** A connection of the kind the server is, finding out which on the first call. */
  private synchronized RedisConnection open() {
    if (cluster == null && settings.severalSeeds()) {
      cluster = true;
    }
    if (cluster == null) {
      StatefulRedisConnection<String, String> c = client.connect(StringCodec.UTF8);
      boolean enabled;
      try {
        enabled = c.sync().info("cluster").contains("cluster_enabled:1");
      } catch (RedisCommandExecutionException e) {
        enabled = false; // INFO refused (an ACL without it, a renamed command): not a cluster
      } catch (RuntimeException e) {
        c.close();
        throw e;
      }
      cluster = enabled;
      if (!enabled) {
        return RedisConnection.standalone(c);
      }
      c.close();
    }
    if (!cluster) {
      return RedisConnection.standalone(client.connect(StringCodec.UTF8));
    }
    if (settings.database() != 0) {
      throw new RejectedInput(
          "Redis at "
              + settings.redacted()
              + " is a cluster, which has only database 0, not "
              + settings.database()
              + "; drop the /"
              + settings.database()
              + " from the URL and keep namespaces apart with --namespace");
    }
    if (clusterClient == null) {
      clusterClient = RedisClusterClient.create(resources, settings.toRedisUris());
      clusterClient.setOptions(clusterOptions(settings));
    }
    return RedisConnection.cluster(clusterClient.connect(StringCodec.UTF8));
  }

  /** Redis answered, but with an error (AUTH, SELECT): trying again will not help. */
  private static boolean isRefusal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RedisCommandExecutionException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The innermost message, without the password. A refusal is not attached as a cause: its text
   * comes from the server, which the scrubbing above covers but a stack trace would not.
   */
  private String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return settings.scrub(message);
  }

  private void sleep(Duration delay) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerUnavailable(
          "interrupted while waiting to reconnect to Redis at " + settings.redacted());
    }
  }

  /** Closes every connection of this connector and releases its threads. */
  @Override
  public synchronized void close() {
    if (clusterClient != null) {
      clusterClient.shutdown();
    }
    client.shutdown();
    resources.shutdown();
  }
}
