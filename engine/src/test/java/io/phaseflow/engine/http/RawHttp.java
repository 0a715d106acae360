package io.phaseflow.engine.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Requests written byte for byte on a socket, for what {@link java.net.http.HttpClient} will not
 * send: a forged {@code Host}, a bad escape, a request cut off half way.
 */
final class RawHttp {
  private RawHttp() {}

  /** A response as it came: status, headers (names in lower case) and body text. */
  record Reply(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Sends {@code head} (lines without the final blank line) and {@code body}; reads to EOF. */
  static Reply send(int port, String head, String body) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(10_000);
      String request =
          head
              + "\r\nConnection: close"
              + (body.isEmpty()
                  ? ""
                  : "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length)
              + "\r\n\r\n"
              + body;
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      return parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code request} as it is (nothing added) and reads the answer to EOF. */
  static Reply exchange(int port, String request) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      return parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request from the same machine's browser: Host 127.0.0.1:PORT. */
  static Reply send(int port, String method, String path, String headers, String body) {
    String head =
        method
            + " "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + (headers.isEmpty() ? "" : "\r\n" + headers);
    return send(port, head, body);
  }

  static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }

  static Reply parse(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.") || end < 0) {
      throw new AssertionError("not an HTTP response: '" + text + "'");
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    return new Reply(status, headers, text.substring(end + 4));
  }
}
