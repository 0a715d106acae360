package io.phaseflow.engine;

import java.util.Objects;

/**
 * Where a server is and how to log in, as a settings class keeps it once its URL is read: scheme,
 * user, password, host, port and the path in canonical form (a Redis database index, an encoded
 * AMQP vhost). It owns what Redis and RabbitMQ settings share: the redacted URL ({@code ***} for
 * the password) in {@link #toString()} and in every error, {@link #withPassword}, and {@link
 * #scrub} for messages from a driver. Immutable and thread-safe.
 *
 * @param kind the kind of server, for messages and the user-info convention
 * @param scheme e.g. "redis" or "amqps"
 * @param user the user name, or null for the server's default
 * @param password the password, or null for none (or the server's default)
 * @param host the host, without the brackets of an IPv6 address
 * @param port the port, defaulted by the settings class
 * @param path the canonical path after the '/', shown as is in {@link #redacted()}
 */
public record ServerAddress(
    ServerUrl.Kind kind,
    String scheme,
    String user,
    String password,
    String host,
    int port,
    String path) {

  public ServerAddress {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(path, "path");
  }

  /**
   * The same address with {@code password} instead of the URL's (the user, if any, is kept).
   *
   * @throws RejectedInput when it is null or empty
   */
  public ServerAddress withPassword(String password) {
    if (password == null || password.isEmpty()) {
      throw invalid(kind.name() + " password must not be empty");
    }
    return new ServerAddress(kind, scheme, user, password, host, port, path);
  }

  /** The same address with another canonical path, e.g. another database index. */
  public ServerAddress withPath(String path) {
    return new ServerAddress(kind, scheme, user, password, host, port, path);
  }

  /** An error (not retryable) saying {@code problem}, followed by the redacted URL in brackets. */
  public PhaseflowException invalid(String problem) {
    return new RejectedInput(problem + " (" + redacted() + ")");
  }

  /**
   * The URL in canonical form with the password shown as {@code ***}. A password without a user is
   * shown as {@code ***@} only where bare user info is a password (Redis); elsewhere the user info
   * names the user alone, so a password given without one is not shown at all.
   */
  public String redacted() {
    StringBuilder out = new StringBuilder(scheme).append("://");
    if (user != null) {
      out.append(user).append(password == null ? "" : ":***").append('@');
    } else if (password != null && kind.bareUserInfoIsPassword()) {
      out.append("***@");
    }
    out.append(host.contains(":") ? "[" + host + "]" : host).append(':').append(port);
    return out.append('/').append(path).toString();
  }

  /** Replaces every occurrence of the password in a text, e.g. a driver's error message. */
  public String scrub(String text) {
    if (text == null || password == null || password.isEmpty()) {
      return text;
    }
    return text.replace(password, "***");
  }

  /** The redacted URL: a record's default would show the password. */
  @Override
  public String toString() {
    return redacted();
  }
}
