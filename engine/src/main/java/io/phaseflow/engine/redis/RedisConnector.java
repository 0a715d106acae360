package io.phaseflow.engine.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.ServerUnavailable;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Owns one Lettuce {@link RedisClient} and opens connections to it. The first connection is retried
 * with exponential backoff (Lettuce's auto-reconnect only covers connections that were up once);
 * once connected, Lettuce reconnects by itself, and while it is disconnected commands fail at once
 * instead of queueing without bound.
 *
 * <p>Thread-safe. The {@link StatefulRedisConnection}s it returns are thread-safe too and meant to
 * be shared, except for transactions ({@code MULTI}), blocking commands and manual flushing, which
 * need a connection of their own. {@link #close()} closes every connection it opened.
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

  public RedisSettings settings() {
    return settings;
  }

  /**
   * Opens a connection (UTF-8 strings), retrying per the {@link ConnectRetry}.
   *
   * @throws ServerUnavailable when Redis cannot be reached after the last attempt
   * @throws RejectedInput when Redis refused the credentials or the database index
   */
  public StatefulRedisConnection<String, String> connect() {
    Duration delay = retry.initialDelay();
    RuntimeException last = null;
    for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
      if (attempt > 1) {
        sleep(delay);
        delay = retry.next(delay);
      }
      try {
        return client.connect(StringCodec.UTF8);
      } catch (RedisConnectionException e) {
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
  public void close() {
    client.shutdown();
    resources.shutdown();
  }
}
