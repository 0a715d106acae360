package io.phaseflow.engine.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who may talk to the server, checked before any route: the {@code Host} a request names (a DNS
 * rebinding page sends its own name for 127.0.0.1), the {@code Origin} of a browser's request (a
 * page on another site), and, when a token is set, {@code Authorization: Bearer TOKEN} on the API
 * and metrics routes. The dashboard's files need no token (the page must load to ask for it). Pure;
 * immutable, so thread-safe.
 */
final class Gate {
  static final String ALLOW_OPTION = "--http-allow-host";
  static final String ALLOW_ENV = "PHASEFLOW_HTTP_ALLOW_HOSTS";
  static final String TOKEN_ENV = "PHASEFLOW_HTTP_TOKEN";

  /** A name a request may use: a host (lower case, IPv6 in brackets) and a port, -1 for any. */
  record Name(String host, int port) {
    boolean admits(Name other) {
      return host.equals(other.host) && (port < 0 || port == other.port);
    }

    @Override
    public String toString() {
      return port < 0 ? host : host + ":" + port;
    }
  }

  private final List<Name> names;
  private final byte[] tokenDigest;

  /**
   * @param port the port served on
   * @param bindHost the address bound; its name is allowed too unless it is a wildcard
   * @param allowed further names, {@code host} (any port) or {@code host:port}
   * @param token the bearer token the API asks for; null or blank for none
   */
  Gate(int port, String bindHost, Collection<String> allowed, String token) {
    Set<Name> all = new LinkedHashSet<>();
    all.add(new Name("127.0.0.1", port));
    all.add(new Name("localhost", port));
    all.add(new Name("[::1]", port));
    boolean ipv6 = bindHost.contains(":") && !bindHost.startsWith("[");
    Name bound = parse(ipv6 ? "[" + bindHost + "]" : bindHost, port);
    if (bound != null && !Set.of("0.0.0.0", "[::]", "[0:0:0:0:0:0:0:0]").contains(bound.host())) {
      all.add(new Name(bound.host(), port));
    }
    for (String entry : allowed) {
      Name n = parseAllowed(entry);
      if (n != null) {
        all.add(n);
      }
    }
    this.names = List.copyOf(all);
    this.tokenDigest = token == null || token.isBlank() ? null : sha256(token.strip());
  }

  /**
   * Reads one allow-list entry: {@code host}, {@code host:port} or an origin URL; null if blank.
   */
  static Name parseAllowed(String entry) {
    String e = entry.strip();
    if (e.isEmpty()) {
      return null;
    }
    if (e.contains("://")) {
      Name n = origin(e);
      if (n == null) {
        throw new IllegalArgumentException(
            "'" + entry + "' is not a host name or an http(s) origin for " + ALLOW_OPTION);
      }
      // An origin without a port allows its host on any port (a proxy may add or drop one).
      return URI.create(e).getPort() < 0 ? new Name(n.host(), -1) : n;
    }
    Name n = parse(e, -1);
    if (n == null) {
      throw new IllegalArgumentException(
          "'" + entry + "' is not a host name or host:port for " + ALLOW_OPTION);
    }
    return n;
  }

  /** The refusal of {@code request}, or null when it may go on to the routes. */
  Response check(Request request) {
    String host = request.header("Host");
    // No Host at all is HTTP/1.0 from a program; every browser sends one.
    if (host != null) {
      Name n = parse(host.strip(), 80);
      if (n == null || !allowed(n)) {
        return Response.error(
            403,
            "Host '"
                + host
                + "' is not a name this server answers to ("
                + shown()
                + "); if you reach it under that name, allow it with "
                + ALLOW_OPTION
                + " "
                + host.strip()
                + " (or "
                + ALLOW_ENV
                + ")");
      }
    }
    String origin = request.header("Origin");
    if (origin != null) {
      Name n = origin(origin.strip());
      if (n == null || !allowed(n)) {
        return Response.error(
            403,
            "Origin '"
                + origin
                + "' is not this server's ("
                + shown()
                + "): a page of another site may not use this API; if that site is yours, allow"
                + " it with "
                + ALLOW_OPTION
                + (n == null ? " HOST" : " " + origin.strip())
                + " (or "
                + ALLOW_ENV
                + ")");
      }
    }
    if (tokenDigest != null && needsToken(request.path()) && !tokenMatches(request)) {
      boolean sent = request.header("Authorization") != null;
      return Response.error(
              401,
              (sent ? "the token sent is not this server's" : "this server needs a token")
                  + ": send the header Authorization: Bearer TOKEN, with the token the server"
                  + " was given (its --http-token-file or "
                  + TOKEN_ENV
                  + ")")
          .withHeader("WWW-Authenticate", "Bearer realm=\"phaseflow\"");
    }
    return null;
  }

  static boolean needsToken(String path) {
    return path.equals("/api")
        || path.startsWith("/api/")
        || path.equals("/metrics")
        || path.startsWith("/metrics/");
  }

  private boolean tokenMatches(Request request) {
    String auth = request.header("Authorization");
    if (auth == null || auth.length() < 7 || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    // Digests of equal length, compared in constant time: neither content nor length leaks.
    return MessageDigest.isEqual(tokenDigest, sha256(auth.substring(7).strip()));
  }

  private boolean allowed(Name n) {
    return names.stream().anyMatch(a -> a.admits(n));
  }

  private String shown() {
    List<String> s = new ArrayList<>();
    names.forEach(n -> s.add(n.toString()));
    return String.join(", ", s);
  }

  /** {@code host[:port]} (IPv6 in brackets), null when malformed. */
  static Name parse(String hostPort, int defaultPort) {
    String h = hostPort.toLowerCase(Locale.ROOT);
    String host;
    String port;
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      if (end < 0) {
        return null;
      }
      host = h.substring(0, end + 1);
      String rest = h.substring(end + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        return null;
      }
      port = rest.isEmpty() ? null : rest.substring(1);
    } else {
      int colon = h.lastIndexOf(':');
      host = colon < 0 ? h : h.substring(0, colon);
      port = colon < 0 ? null : h.substring(colon + 1);
    }
    if (host.isEmpty() || !host.matches("[a-z0-9._\\-\\[\\]:%]+")) {
      return null;
    }
    if (port == null) {
      return new Name(host, defaultPort);
    }
    if (!port.matches("\\d{1,5}")) {
      return null;
    }
    return new Name(host, Integer.parseInt(port));
  }

  /** The host and port of an origin ({@code http://host[:port]}), null for "null" or malformed. */
  static Name origin(String origin) {
    try {
      URI uri = new URI(origin);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
        return null;
      }
      int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
      return new Name(uri.getHost().toLowerCase(Locale.ROOT), port);
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
