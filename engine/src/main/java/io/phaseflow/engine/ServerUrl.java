package io.phaseflow.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The parts of a server URL, {@code scheme://[user[:password]@]host[:port][/path]}, as Redis and
 * RabbitMQ settings read them. Hand-written rather than {@link java.net.URI}, {@code URLDecoder} or
 * a client's own parser: their exception messages quote the whole input, password included, while
 * every error here shows the URL with its password as {@code ***}. Immutable.
 *
 * @param scheme the lower-cased scheme, or null when the input has none
 * @param user the decoded part of the user info before ':' (the whole user info without one)
 * @param password the decoded part after ':', or null when there is no ':'
 * @param host the host, without the brackets of an IPv6 address
 * @param port the port, or -1 when absent
 * @param path what follows the first '/' after the host, not decoded; "" when none
 */
public record ServerUrl(
    String scheme, String user, String password, String host, int port, String path) {

  /**
   * The kind of server a URL is for, which shapes its messages.
   *
   * @param name e.g. "Redis", for messages
   * @param example a URL to show in hints, e.g. {@code redis://127.0.0.1:6379}
   * @param bareUserInfoIsPassword whether user info without ':' is a password (Lettuce's
   *     convention) rather than a user name
   */
  public record Kind(String name, String example, boolean bareUserInfoIsPassword) {}

  /**
   * Which URL a process uses: the command-line value if given, else the environment variable's if
   * set, else the default. One rule for every server, so the CLI and benchmarks agree.
   */
  public static String choose(String cliValue, String envValue, String defaultUrl) {
    if (cliValue != null) {
      return cliValue;
    }
    return envValue != null && !envValue.isBlank() ? envValue : defaultUrl;
  }

  /**
   * Splits {@code input} into its parts.
   *
   * @throws RejectedInput naming the redacted URL, the problem and a fix
   */
  public static ServerUrl parse(String input, Kind kind) {
    String scheme = null;
    String rest = input;
    int schemeEnd = input.indexOf("://");
    if (schemeEnd >= 0) {
      scheme = input.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
      rest = input.substring(schemeEnd + 3);
    }
    if (rest.contains("?") || rest.contains("#")) {
      throw malformed(
          input, kind, "query parameters are not supported", "remove everything after '?'");
    }
    int at = rest.lastIndexOf('@');
    String user = null;
    String password = null;
    if (at >= 0) {
      String userInfo = rest.substring(0, at);
      int colon = userInfo.indexOf(':');
      user = decode(input, kind, colon < 0 ? userInfo : userInfo.substring(0, colon), "user name");
      password = colon < 0 ? null : decode(input, kind, userInfo.substring(colon + 1), "password");
      rest = rest.substring(at + 1);
    }
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash + 1);
    String host;
    String portText = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw malformed(input, kind, "IPv6 host has no closing ']'", "write e.g. [::1]:port");
      }
      host = authority.substring(1, close);
      String after = authority.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw malformed(
              input, kind, "unexpected '" + after + "' after the IPv6 host", "write [host]:port");
        }
        portText = after.substring(1);
      }
    } else {
      int colon = authority.indexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      portText = colon < 0 ? null : authority.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw malformed(input, kind, "no host", "write e.g. " + kind.example());
    }
    return new ServerUrl(scheme, user, password, host, port(input, kind, portText), path);
  }

  /** A malformed-URL error in the shared wording, the password hidden. */
  public static PhaseflowException malformed(String input, Kind kind, String problem, String hint) {
    return new RejectedInput(
        "malformed "
            + kind.name()
            + " URL '"
            + redact(input, kind)
            + "': "
            + problem
            + " (hint: "
            + hint
            + ")");
  }

  /** Decodes a percent-encoded part (a vhost, say) with the same errors as the user info. */
  public static String decode(String input, Kind kind, String text, String what) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '%') {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
      int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
      if (hi < 0 || lo < 0) {
        throw malformed(
            input,
            kind,
            "the " + what + " has a '%' that is not followed by two hex digits",
            "percent-encode special characters, e.g. '%' as %25 and '/' as %2F");
      }
      bytes.write(hi * 16 + lo);
      i += 2;
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The input as given, with the password hidden as {@code ***}. */
  static String redact(String input, Kind kind) {
    int at = input.lastIndexOf('@');
    if (at < 0) {
      return input;
    }
    int schemeEnd = input.indexOf("://");
    int start = schemeEnd >= 0 && schemeEnd < at ? schemeEnd + 3 : 0;
    String userInfo = input.substring(start, at);
    int colon = userInfo.indexOf(':');
    String shown =
        colon >= 0
            ? userInfo.substring(0, colon) + ":***"
            : kind.bareUserInfoIsPassword() ? "***" : userInfo;
    return input.substring(0, start) + shown + input.substring(at);
  }

  private static int port(String input, Kind kind, String text) {
    if (text == null) {
      return -1;
    }
    boolean digits =
        !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(Character::isDigit);
    int port = digits ? Integer.parseInt(text) : -1;
    if (port < 1 || port > 65535) {
      String example = kind.example();
      throw malformed(
          input,
          kind,
          "port '" + text + "' is not a number from 1 to 65535",
          "write e.g. host" + example.substring(example.lastIndexOf(':')));
    }
    return port;
  }
}
