package io.phaseflow.engine.redis;

import io.lettuce.core.RedisURI;
import io.phaseflow.engine.PhaseflowException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
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
    return new UrlParser(url.strip()).parse();
  }

  /** The CLI value if given, else {@code PHASEFLOW_REDIS_URL}, else {@value #DEFAULT_URL}. */
  public static RedisSettings fromEnvironment(String cliValue) {
    return fromEnvironment(cliValue, System.getenv(ENV_VARIABLE));
  }

  static RedisSettings fromEnvironment(String cliValue, String envValue) {
    if (cliValue != null) {
      return parse(cliValue);
    }
    if (envValue != null && !envValue.isBlank()) {
      return parse(envValue);
    }
    return parse(DEFAULT_URL);
  }

  /** The same settings on another database index (tests keep to their own database). */
  public RedisSettings withDatabase(int database) {
    if (database < 0) {
      throw new PhaseflowException(
          "Redis database index must be >= 0, not " + database + " (" + redacted() + ")", false);
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

  /**
   * A hand-written parser rather than {@link java.net.URI} or {@code RedisURI.create}: their
   * exception messages quote the whole input, password included.
   */
  private static final class UrlParser {
    private final String input;
    private String user;
    private String password;

    UrlParser(String input) {
      this.input = input;
    }

    RedisSettings parse() {
      boolean tls = false;
      String rest = input;
      int schemeEnd = input.indexOf("://");
      if (schemeEnd >= 0) {
        String scheme = input.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (scheme.equals("rediss")) {
          tls = true;
        } else if (!scheme.equals("redis")) {
          throw fail(
              "unknown scheme '" + scheme + "'",
              "use redis:// or rediss:// (TLS), or a bare host:port");
        }
        rest = input.substring(schemeEnd + 3);
      }
      int at = rest.lastIndexOf('@');
      if (at >= 0) {
        readUserInfo(rest.substring(0, at));
        rest = rest.substring(at + 1);
      }
      if (rest.contains("?") || rest.contains("#")) {
        throw fail("query parameters are not supported", "remove everything after '?'");
      }
      int slash = rest.indexOf('/');
      String hostPort = slash < 0 ? rest : rest.substring(0, slash);
      int database = slash < 0 ? 0 : parseDatabase(rest.substring(slash + 1));
      String host;
      String portText = null;
      if (hostPort.startsWith("[")) {
        int close = hostPort.indexOf(']');
        if (close < 0) {
          throw fail("IPv6 host has no closing ']'", "write e.g. redis://[::1]:6379");
        }
        host = hostPort.substring(1, close);
        String after = hostPort.substring(close + 1);
        if (!after.isEmpty()) {
          if (!after.startsWith(":")) {
            throw fail("unexpected '" + after + "' after the IPv6 host", "write [host]:port");
          }
          portText = after.substring(1);
        }
      } else {
        int colon = hostPort.indexOf(':');
        host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        portText = colon < 0 ? null : hostPort.substring(colon + 1);
      }
      if (host.isEmpty()) {
        throw fail("no host", "write e.g. redis://127.0.0.1:6379");
      }
      int port = portText == null ? DEFAULT_PORT : parsePort(portText);
      return new RedisSettings(tls, user, password, host, port, database, DEFAULT_COMMAND_TIMEOUT);
    }

    private void readUserInfo(String userInfo) {
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        password = decode(userInfo, "password"); // Lettuce's convention: redis://password@host
      } else {
        String name = decode(userInfo.substring(0, colon), "user name");
        user = name.isEmpty() ? null : name;
        password = decode(userInfo.substring(colon + 1), "password");
      }
      if (password.isEmpty()) {
        throw fail("empty password", "remove the '@' or give the password");
      }
    }

    private int parsePort(String text) {
      int port = parseNumber(text);
      if (port < 1 || port > 65535) {
        throw fail("port '" + text + "' is not a number from 1 to 65535", "write e.g. host:6379");
      }
      return port;
    }

    private int parseDatabase(String text) {
      if (text.isEmpty()) {
        return 0;
      }
      int database = parseNumber(text);
      if (database < 0) {
        throw fail(
            "database '" + text + "' is not a non-negative number", "write e.g. host:6379/0");
      }
      return database;
    }

    private static int parseNumber(String text) {
      if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
        return -1;
      }
      return Integer.parseInt(text);
    }

    /** Percent-decoding without {@code URLDecoder}, whose messages quote the encoded text. */
    private String decode(String text, String what) {
      StringBuilder out = new StringBuilder();
      ByteArrayOutputStream escaped = new ByteArrayOutputStream(); // a run of %XX: UTF-8 bytes
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c != '%') {
          out.append(escaped.toString(StandardCharsets.UTF_8)).append(c);
          escaped.reset();
          continue;
        }
        int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          throw fail(
              "the " + what + " has a '%' that is not followed by two hex digits",
              "percent-encode special characters, e.g. '%' as %25");
        }
        escaped.write(hi * 16 + lo);
        i += 2;
      }
      return out.append(escaped.toString(StandardCharsets.UTF_8)).toString();
    }

    private PhaseflowException fail(String problem, String hint) {
      return new PhaseflowException(
          "malformed Redis URL '" + redactedInput() + "': " + problem + " (hint: " + hint + ")",
          false);
    }

    /** The input as given, with everything between "://" (or the start) and the last '@' hidden. */
    private String redactedInput() {
      int at = input.lastIndexOf('@');
      if (at < 0) {
        return input;
      }
      int schemeEnd = input.indexOf("://");
      int start = schemeEnd >= 0 && schemeEnd < at ? schemeEnd + 3 : 0;
      String userInfo = input.substring(start, at);
      int colon = userInfo.indexOf(':');
      String shown = colon < 0 ? "***" : userInfo.substring(0, colon) + ":***";
      return input.substring(0, start) + shown + input.substring(at);
    }
  }
}
