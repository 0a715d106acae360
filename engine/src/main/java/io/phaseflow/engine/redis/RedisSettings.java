package io.phaseflow.engine.redis;

import io.lettuce.core.RedisURI;
import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.ServerUrl;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach Redis: {@code redis://[[user:]password@]host[:port][/db]}, {@code
 * rediss://...} for TLS, or a bare {@code host[:port][/db]}. As in Lettuce's own URI syntax, user
 * info without a colon is a password. The password never appears in {@link #toString()}, {@link
 * #redacted()} or an exception message: it is shown as {@code ***}.
 *
 * <p>Immutable and thread-safe.
 */
public final class RedisSettings {
  public static final String ENV_VARIABLE = "PHASEFLOW_REDIS_URL";
  public static final String DEFAULT_URL = "redis://127.0.0.1:6379";
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);
  static final int DEFAULT_PORT = 6379;

  private final boolean tls;
  private final String user; // null: the default user
  private final String password; // null: no AUTH
  private final String host;
  private final int port;
  private final int database;
  private final Duration commandTimeout;

  private RedisSettings(
      boolean tls,
      String user,
      String password,
      String host,
      int port,
      int database,
      Duration commandTimeout) {
    this.tls = tls;
    this.user = user;
    this.password = password;
    this.host = host;
    this.port = port;
    this.database = database;
    this.commandTimeout = commandTimeout;
  }

  /**
   * Parses a Redis URL.
   *
   * @throws PhaseflowException (not retryable) naming the redacted URL and what is wrong with it
   */
  public static RedisSettings parse(String url) {
    if (url == null || url.isBlank()) {
      throw new PhaseflowException(
          "Redis URL is empty; expected redis://[user:password@]host:port/db", false);
    }
    return fromUrl(url.strip());
  }

  /** The CLI value if given, else {@code PHASEFLOW_REDIS_URL}, else {@value #DEFAULT_URL}. */
  public static RedisSettings fromEnvironment(String cliValue) {
    return fromEnvironment(cliValue, System.getenv(ENV_VARIABLE));
  }

  static RedisSettings fromEnvironment(String cliValue, String envValue) {
    return parse(ServerUrl.choose(cliValue, envValue, DEFAULT_URL));
  }

  /** The same settings on another database index (tests keep to their own database). */
  public RedisSettings withDatabase(int database) {
    if (database < 0) {
      throw new PhaseflowException(
          "Redis database index must be >= 0, not " + database + " (" + redacted() + ")", false);
    }
    return new RedisSettings(tls, user, password, host, port, database, commandTimeout);
  }

  /**
   * The same settings with {@code password} instead of the URL's (the user, if any, is kept): read
   * from a file or the environment, so that it is not on a command line for {@code ps} to show.
   */
  public RedisSettings withPassword(String password) {
    if (password == null || password.isEmpty()) {
      throw new PhaseflowException("Redis password must not be empty (" + redacted() + ")", false);
    }
    return new RedisSettings(tls, user, password, host, port, database, commandTimeout);
  }

  /** The same settings with another command timeout (default 5 s). */
  public RedisSettings withCommandTimeout(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new PhaseflowException(
          "Redis command timeout must be positive, not " + timeout + " (" + redacted() + ")",
          false);
    }
    return new RedisSettings(tls, user, password, host, port, database, timeout);
  }

  public boolean tls() {
    return tls;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public int database() {
    return database;
  }

  public Duration commandTimeout() {
    return commandTimeout;
  }

  /** The Lettuce URI: host, port, database, TLS, credentials and the command timeout. */
  public RedisURI toRedisUri() {
    RedisURI.Builder builder =
        RedisURI.Builder.redis(host, port)
            .withSsl(tls)
            .withDatabase(database)
            .withTimeout(commandTimeout);
    if (password != null) {
      if (user != null) {
        builder.withAuthentication(user, password);
      } else {
        builder.withPassword(password);
      }
    }
    return builder.build();
  }

  /** The URL in canonical form with the password shown as {@code ***}. */
  public String redacted() {
    StringBuilder out = new StringBuilder(tls ? "rediss://" : "redis://");
    if (password != null) {
      out.append(user == null ? "" : user + ":").append("***@");
    }
    out.append(host.contains(":") ? "[" + host + "]" : host);
    return out.append(':').append(port).append('/').append(database).toString();
  }

  /** Replaces every occurrence of the password in a text, e.g. a driver's error message. */
  String scrub(String text) {
    if (text == null || password == null || password.isEmpty()) {
      return text;
    }
    return text.replace(password, "***");
  }

  @Override
  public String toString() {
    return redacted();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RedisSettings s
        && tls == s.tls
        && port == s.port
        && database == s.database
        && Objects.equals(user, s.user)
        && Objects.equals(password, s.password)
        && host.equals(s.host)
        && commandTimeout.equals(s.commandTimeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tls, user, password, host, port, database, commandTimeout);
  }

  /** Redis URLs: the scheme is optional, and user info without ':' is a password (Lettuce). */
  private static final ServerUrl.Kind KIND =
      new ServerUrl.Kind("Redis", "redis://127.0.0.1:6379", true);

  private static RedisSettings fromUrl(String input) {
    ServerUrl url = ServerUrl.parse(input, KIND);
    boolean tls = "rediss".equals(url.scheme());
    if (url.scheme() != null && !tls && !url.scheme().equals("redis")) {
      throw ServerUrl.malformed(
          input,
          KIND,
          "unknown scheme '" + url.scheme() + "'",
          "use redis:// or rediss:// (TLS), or a bare host:port");
    }
    String user = url.password() == null ? null : url.user().isEmpty() ? null : url.user();
    String password = url.password() == null ? url.user() : url.password();
    if (password != null && password.isEmpty()) {
      throw ServerUrl.malformed(
          input, KIND, "empty password", "remove the '@' or give the password");
    }
    int database = database(input, url.path());
    int port = url.port() < 0 ? DEFAULT_PORT : url.port();
    return new RedisSettings(
        tls, user, password, url.host(), port, database, DEFAULT_COMMAND_TIMEOUT);
  }

  private static int database(String input, String text) {
    if (text.isEmpty()) {
      return 0;
    }
    boolean digits = text.length() <= 9 && text.chars().allMatch(Character::isDigit);
    if (!digits) {
      throw ServerUrl.malformed(
          input,
          KIND,
          "database '" + text + "' is not a non-negative number",
          "write e.g. host:6379/0");
    }
    return Integer.parseInt(text);
  }
}
