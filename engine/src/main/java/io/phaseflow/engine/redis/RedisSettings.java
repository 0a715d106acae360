package io.phaseflow.engine.redis;

import io.lettuce.core.RedisURI;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.ServerAddress;
import io.phaseflow.engine.ServerUrl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where and how to reach Redis: {@code redis://[[user:]password@]host[:port][/db]}, {@code
 * rediss://...} for TLS, or a bare {@code host[:port][/db]}. As in Lettuce's own URI syntax, user
 * info without a colon is a password. Several seed nodes of a Redis Cluster are listed with commas,
 * {@code redis://[password@]h1:7001,h2:7002}: each seed shares the scheme, credentials and database
 * (which a cluster requires to be 0). The password never appears in {@link #toString()}, {@link
 * #redacted()} or an exception message: it is shown as {@code ***}.
 *
 * <p>Immutable and thread-safe.
 */
public final class RedisSettings {
  public static final String ENV_VARIABLE = "PHASEFLOW_REDIS_URL";
  public static final String DEFAULT_URL = "redis://127.0.0.1:6379";
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);
  static final int DEFAULT_PORT = 6379;

  private final ServerAddress address; // the path is the database index
  private final List<ServerAddress> seeds; // address first, then the other seed nodes
  private final int database;
  private final Duration commandTimeout;

  private RedisSettings(List<ServerAddress> seeds, int database, Duration commandTimeout) {
    this.address = seeds.get(0);
    this.seeds = List.copyOf(seeds);
    this.database = database;
    this.commandTimeout = commandTimeout;
  }

  /**
   * Parses a Redis URL.
   *
   * @throws RejectedInput naming the redacted URL and what is wrong with it
   */
  public static RedisSettings parse(String url) {
    if (url == null || url.isBlank()) {
      throw new RejectedInput("Redis URL is empty; expected redis://[user:password@]host:port/db");
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
      throw address.invalid("Redis database index must be >= 0, not " + database);
    }
    return new RedisSettings(
        seeds.stream().map(a -> a.withPath(String.valueOf(database))).toList(),
        database,
        commandTimeout);
  }

  /**
   * The same settings with {@code password} instead of the URL's (the user, if any, is kept): read
   * from a file or the environment, so that it is not on a command line for {@code ps} to show.
   */
  public RedisSettings withPassword(String password) {
    return new RedisSettings(
        seeds.stream().map(a -> a.withPassword(password)).toList(), database, commandTimeout);
  }

  /** The same settings with another command timeout (default 5 s). */
  public RedisSettings withCommandTimeout(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw address.invalid("Redis command timeout must be positive, not " + timeout);
    }
    return new RedisSettings(seeds, database, timeout);
  }

  public boolean tls() {
    return address.scheme().equals("rediss");
  }

  public String host() {
    return address.host();
  }

  public int port() {
    return address.port();
  }

  public int database() {
    return database;
  }

  public Duration commandTimeout() {
    return commandTimeout;
  }

  /**
   * Whether the URL names several seed nodes, which only a Redis Cluster has. A single URL may
   * still point at a cluster: {@link RedisConnector} asks the server.
   */
  public boolean severalSeeds() {
    return seeds.size() > 1;
  }

  /** The Lettuce URI of the first (or only) node. */
  public RedisURI toRedisUri() {
    return toRedisUri(address);
  }

  /** The Lettuce URIs of every seed node, the first one first. */
  public List<RedisURI> toRedisUris() {
    return seeds.stream().map(this::toRedisUri).toList();
  }

  /** The Lettuce URI: host, port, database, TLS, credentials and the command timeout. */
  private RedisURI toRedisUri(ServerAddress address) {
    RedisURI.Builder builder =
        RedisURI.Builder.redis(address.host(), address.port())
            .withSsl(tls())
            .withDatabase(database)
            .withTimeout(commandTimeout);
    if (address.password() != null) {
      if (address.user() != null) {
        builder.withAuthentication(address.user(), address.password());
      } else {
        builder.withPassword(address.password());
      }
    }
    return builder.build();
  }

  /**
   * The URL in canonical form with the password shown as {@code ***}; the seed nodes after the
   * first as {@code ,host:port} before the database.
   */
  public String redacted() {
    String first = address.redacted();
    if (seeds.size() == 1) {
      return first;
    }
    StringBuilder out = new StringBuilder(first.substring(0, first.lastIndexOf('/')));
    for (ServerAddress seed : seeds.subList(1, seeds.size())) {
      String host = seed.host();
      out.append(',').append(host.contains(":") ? "[" + host + "]" : host);
      out.append(':').append(seed.port());
    }
    return out.append('/').append(address.path()).toString();
  }

  /** Replaces every occurrence of the password in a text, e.g. a driver's error message. */
  String scrub(String text) {
    return address.scrub(text);
  }

  @Override
  public String toString() {
    return redacted();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RedisSettings s
        && seeds.equals(s.seeds)
        && commandTimeout.equals(s.commandTimeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(seeds, commandTimeout);
  }

  /** Redis URLs: the scheme is optional, and user info without ':' is a password (Lettuce). */
  private static final ServerUrl.Kind KIND =
      new ServerUrl.Kind("Redis", "redis://127.0.0.1:6379", true);

  private static RedisSettings fromUrl(String input) {
    List<String> urls = splitSeeds(input);
    List<ServerAddress> seeds = new ArrayList<>();
    int database = 0;
    for (String url : urls) {
      RedisSettings one = fromOneUrl(url);
      seeds.add(one.address);
      database = one.database;
    }
    return new RedisSettings(seeds, database, DEFAULT_COMMAND_TIMEOUT);
  }

  /**
   * {@code scheme://info@h1:p1,h2:p2/db} as one URL per host, each with the scheme, user info and
   * database of the whole. Only the part between the user info and the path is split, so a password
   * may hold a comma.
   */
  static List<String> splitSeeds(String input) {
    int schemeEnd = input.indexOf("://");
    int start = schemeEnd < 0 ? 0 : schemeEnd + 3;
    int at = input.lastIndexOf('@');
    int hostsStart = at >= start ? at + 1 : start;
    int slash = input.indexOf('/', hostsStart);
    int hostsEnd = slash < 0 ? input.length() : slash;
    String hosts = input.substring(hostsStart, hostsEnd);
    if (!hosts.contains(",")) {
      return List.of(input);
    }
    String head = input.substring(0, hostsStart);
    String tail = input.substring(hostsEnd);
    List<String> urls = new ArrayList<>();
    for (String host : hosts.split(",", -1)) {
      if (host.isBlank()) {
        throw ServerUrl.malformed(
            input, KIND, "an empty seed node in the list", "write e.g. redis://h1:7001,h2:7002");
      }
      urls.add(head + host.strip() + tail);
    }
    return urls;
  }

  private static RedisSettings fromOneUrl(String input) {
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
    String scheme = tls ? "rediss" : "redis";
    ServerAddress address =
        new ServerAddress(KIND, scheme, user, password, url.host(), port, String.valueOf(database));
    return new RedisSettings(List.of(address), database, DEFAULT_COMMAND_TIMEOUT);
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
