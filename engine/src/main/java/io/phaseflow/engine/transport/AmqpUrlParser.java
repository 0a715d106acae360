package io.phaseflow.engine.transport;

import io.phaseflow.engine.PhaseflowException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Parses {@code amqp://} and {@code amqps://} URLs for {@link AmqpSettings}. Hand-written rather
 * than {@link java.net.URI} or {@code ConnectionFactory.setUri}: their exception messages quote the
 * whole input, password included.
 */
final class AmqpUrlParser {
  private final String input;

  AmqpUrlParser(String input) {
    this.input = input;
  }

  AmqpSettings parse() {
    int schemeEnd = input.indexOf("://");
    String scheme = schemeEnd < 0 ? "" : input.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    if (!scheme.equals("amqp") && !scheme.equals("amqps")) {
      throw fail("it must start with amqp:// or amqps://", "write e.g. amqp://host:5672/");
    }
    boolean tls = scheme.equals("amqps");
    String rest = input.substring(schemeEnd + 3);
    if (rest.contains("?") || rest.contains("#")) {
      throw fail("query parameters are not supported", "remove everything after '?'");
    }
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash + 1);
    String user = null;
    String password = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name");
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1), "password");
      authority = authority.substring(at + 1);
    }
    String host;
    String portText = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw fail("IPv6 host has no closing ']'", "write e.g. amqp://[::1]:5672");
      }
      host = authority.substring(1, close);
      String after = authority.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw fail("unexpected text after the IPv6 host", "write [host]:port");
        }
        portText = after.substring(1);
      }
    } else {
      int colon = authority.indexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      portText = colon < 0 ? null : authority.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw fail("no host", "write e.g. amqp://127.0.0.1:5672");
    }
    int port = portText == null ? (tls ? 5671 : 5672) : parsePort(portText);
    String vhost = path.isEmpty() ? "/" : decode(path, "vhost");
    return AmqpSettings.of(tls, user, password, host, port, vhost);
  }

  private int parsePort(String text) {
    boolean digits =
        !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(Character::isDigit);
    int port = digits ? Integer.parseInt(text) : -1;
    if (port < 1 || port > 65535) {
      throw fail("port '" + text + "' is not a number from 1 to 65535", "write e.g. host:5672");
    }
    return port;
  }

  /** Percent-decoding without {@code URLDecoder}, whose messages quote the encoded text. */
  private String decode(String text, String what) {
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
        throw fail(
            "the " + what + " has a '%' that is not followed by two hex digits",
            "percent-encode special characters, e.g. '%' as %25 and '/' as %2F");
      }
      bytes.write(hi * 16 + lo);
      i += 2;
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private PhaseflowException fail(String problem, String hint) {
    return new PhaseflowException(
        "malformed RabbitMQ URL '" + redactedInput() + "': " + problem + " (hint: " + hint + ")",
        false);
  }

  /** The input as given, with the password (between the first ':' and the last '@') hidden. */
  private String redactedInput() {
    int at = input.lastIndexOf('@');
    if (at < 0) {
      return input;
    }
    int schemeEnd = input.indexOf("://");
    int start = schemeEnd >= 0 && schemeEnd < at ? schemeEnd + 3 : 0;
    String userInfo = input.substring(start, at);
    int colon = userInfo.indexOf(':');
    String shown = colon < 0 ? userInfo : userInfo.substring(0, colon) + ":***";
    return input.substring(0, start) + shown + input.substring(at);
  }
}
