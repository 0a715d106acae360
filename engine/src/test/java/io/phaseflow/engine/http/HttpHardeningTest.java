package io.phaseflow.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.core.Embedded;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.inspect.Inspector;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.testing.RepoFiles;
import io.phaseflow.samples.SampleHandlers;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a hostile client or web page can do to the HTTP server, over real sockets: hold connections
 * half open, post from another origin or as a form, reach it through a rebound DNS name, call it
 * without the token; and that HEAD, OPTIONS and bad escapes are answered as HTTP says.
 */
class HttpHardeningTest {
  private static final String START = "{\"definition\": \"search\", \"input\": {\"query\": \"q\"}}";
  private static Embedded embedded;

  @BeforeAll
  static void engine() {
    embedded = new Embedded(SampleHandlers.registry(), 1, WorkflowListener.NONE);
    embedded
        .engine()
        .plans()
        .add(CompiledDefinition.of(RepoFiles.definition("search.json")).plan());
  }

  @AfterAll
  static void stop() {
    embedded.close();
  }

  private static HttpApi serve(UnaryOperator<HttpApi.Builder> settings) {
    return settings
        .apply(
            HttpApi.builder()
                .inspector(new Inspector(embedded.engine().store()))
                .definitions(DefinitionCatalog.of(embedded.engine().plans()))
                .starter(embedded.engine()::startWorkflow)
                .metrics(() -> "phaseflow_up 1\n"))
        .start();
  }

  private static void assertJsonError(RawHttp.Reply r, int status, String... parts) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.body()).startsWith("{\"error\":\"");
    for (String part : parts) {
      assertThat(r.body()).contains(part);
    }
  }

  @Test
  void halfOpenConnectionsNeitherFreezeTheServerNorStayOpen() throws IOException {
    // Three times as many held connections as threads: waiting connections hold no thread.
    int threads = 8;
    try (HttpApi api = serve(b -> b.threads(threads).readTimeout(Duration.ofSeconds(5)))) {
      int port = api.port();
      List<Socket> held = new ArrayList<>();
      try {
        for (int i = 0; i < 3 * threads; i++) {
          // A third stop inside the request line, a third inside the headers, a third in the body.
          String partial =
              switch (i % 3) {
                case 0 -> "GET /api/defin";
                case 1 -> "GET /api/definitions HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n";
                default ->
                    "POST /api/workflows HTTP/1.1\r\nHost: 127.0.0.1:"
                        + port
                        + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"defi";
              };
          Socket s = new Socket();
          s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
          s.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
          s.getOutputStream().flush();
          held.add(s);
        }

        RawHttp.Reply r = RawHttp.send(port, "GET", "/api/definitions", "", "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        RawHttp.Reply started =
            RawHttp.send(port, "POST", "/api/workflows", "Content-Type: application/json", START);
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        // Answered while the held connections are still open, not once they have timed out (a
        // check of state, not of time: the machine may be slow, the order cannot change).
        assertThat(held).as("held connections still open after the answers").allMatch(s -> open(s));

        // Each held connection is closed by the server once it has waited the read timeout.
        for (Socket s : held) {
          s.setSoTimeout(30_000);
          assertThat(closedByServer(s.getInputStream())).as("held connection closed").isTrue();
        }
      } finally {
        for (Socket s : held) {
          s.close();
        }
      }
    }
  }

  /**
   * A client still sending an over-limit body when the server decides gets the 413 all the same: a
   * server that answered and closed at once made the kernel reset the connection, and the reset
   * destroyed the answer (the JDK client saw "header parser received no bytes").
   */
  @Test
  void aClientStillSendingABodyOverTheLimitReadsThe413() throws Exception {
    try (HttpApi api = serve(b -> b)) {
      int port = api.port();
      int size = HttpApi.MAX_BODY_BYTES + 50_000;
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        var out = socket.getOutputStream();
        out.write(
            ("POST /api/workflows HTTP/1.1\r\nHost: 127.0.0.1:"
                    + port
                    + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                    + size
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] piece = new byte[size / 10];
        java.util.Arrays.fill(piece, (byte) 'a');
        for (int sent = 0; sent < size; sent += piece.length) {
          Thread.sleep(50); // the server has the headers and may answer meanwhile
          out.write(piece, 0, Math.min(piece.length, size - sent));
          out.flush();
        }
        RawHttp.Reply r = RawHttp.parse(RawHttp.readAll(socket.getInputStream()));
        assertJsonError(r, 413, "over the limit of 262,144 bytes");
      }
    }
  }

  @Test
  void aChunkedBodyOverTheLimitIsRefused() {
    try (HttpApi api = serve(b -> b)) {
      int port = api.port();
      String big = "a".repeat(HttpApi.MAX_BODY_BYTES + 10);
      RawHttp.Reply r =
          RawHttp.exchange(
              port,
              "POST /api/workflows HTTP/1.1\r\nHost: 127.0.0.1:"
                  + port
                  + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                  + "Connection: close\r\n\r\n"
                  + Integer.toHexString(big.length())
                  + "\r\n"
                  + big
                  + "\r\n0\r\n\r\n");
      assertJsonError(r, 413, "the request body is over the limit of 262,144 bytes");
    }
  }

  /** True when the server has neither answered nor closed {@code s} yet. */
  private static boolean open(Socket s) {
    try {
      s.setSoTimeout(1);
      s.getInputStream().read(); // a byte (an answer) or the end: no longer waiting
      return false;
    } catch (SocketTimeoutException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Reads whatever the server says (a 408, or nothing) up to its close; false on a timeout. */
  private static boolean closedByServer(InputStream in) throws IOException {
    try {
      while (in.read() >= 0) {
        // the server may answer 408 before closing
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by the server
    }
  }

  @Test
  void stateChangingRequestsMustBeJson() {
    try (HttpApi api = serve(b -> b)) {
      int port = api.port();
      assertJsonError(
          RawHttp.send(port, "POST", "/api/workflows", "Content-Type: text/plain", START),
          415,
          "Content-Type 'text/plain'",
          "application/json");
      assertJsonError(
          RawHttp.send(port, "POST", "/api/workflows", "", START), 415, "no Content-Type");
      assertJsonError(
          RawHttp.send(
              port,
              "POST",
              "/api/workflows",
              "Content-Type: application/x-www-form-urlencoded",
              START),
          415);

      RawHttp.Reply ok =
          RawHttp.send(
              port,
              "POST",
              "/api/workflows",
              "Content-Type: application/json; charset=utf-8",
              START);
      assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    }
  }

  @Test
  void requestsFromAnotherOriginAreRefused() {
    try (HttpApi api = serve(b -> b)) {
      int port = api.port();
      String json = "Content-Type: application/json\r\n";
      assertJsonError(
          RawHttp.send(port, "POST", "/api/workflows", json + "Origin: http://evil.example", START),
          403,
          "Origin 'http://evil.example'",
          "--http-allow-host");
      assertJsonError(
          RawHttp.send(
              port,
              "POST",
              "/api/workflows",
              "Content-Type: text/plain\r\nOrigin: http://evil.example",
              START),
          403);
      assertJsonError(
          RawHttp.send(port, "GET", "/api/workflows", "Origin: http://evil.example", ""), 403);
      // Same host, another port: another origin.
      assertJsonError(
          RawHttp.send(port, "POST", "/api/workflows", json + "Origin: http://127.0.0.1:1", START),
          403);
      assertJsonError(
          RawHttp.send(port, "POST", "/api/workflows", json + "Origin: null", START), 403);

      for (String origin : List.of("http://127.0.0.1:" + port, "http://localhost:" + port)) {
        RawHttp.Reply r =
            RawHttp.send(port, "POST", "/api/workflows", json + "Origin: " + origin, START);
        assertThat(r.status()).as(origin + ": " + r.body()).isEqualTo(201);
      }
    }
  }

  @Test
  void aHostNameOtherThanTheServedOnesIsRefused() {
    try (HttpApi api = serve(b -> b)) {
      int port = api.port();
      // DNS rebinding: evil.example resolves to 127.0.0.1, the browser sends its own name.
      assertJsonError(
          RawHttp.send(port, "GET /api/definitions HTTP/1.1\r\nHost: evil.example:" + port, ""),
          403,
          "Host 'evil.example:" + port + "'",
          "--http-allow-host");
      assertJsonError(RawHttp.send(port, "GET / HTTP/1.1\r\nHost: evil.example:" + port, ""), 403);
      for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port)) {
        RawHttp.Reply r = RawHttp.send(port, "GET /api/definitions HTTP/1.1\r\nHost: " + host, "");
        assertThat(r.status()).as(host + ": " + r.body()).isEqualTo(200);
      }
    }
  }

  @Test
  void namesOnTheAllowListAreServed() {
    try (HttpApi api = serve(b -> b.allowedHosts(List.of("dash.example.com")))) {
      int port = api.port();
      RawHttp.Reply host =
          RawHttp.send(port, "GET /api/definitions HTTP/1.1\r\nHost: dash.example.com", "");
      assertThat(host.status()).as(host.body()).isEqualTo(200);
      RawHttp.Reply origin =
          RawHttp.send(
              port,
              "POST /api/workflows HTTP/1.1\r\nHost: dash.example.com\r\nOrigin:"
                  + " https://dash.example.com\r\nContent-Type: application/json",
              START);
      assertThat(origin.status()).as(origin.body()).isEqualTo(201);
      assertThat(
              RawHttp.send(port, "GET /api/definitions HTTP/1.1\r\nHost: evil.example", "")
                  .status())
          .isEqualTo(403);
    }
  }

  @Test
  void withATokenEveryApiAndMetricsRouteNeedsIt() {
    try (HttpApi api = serve(b -> b.token("s3cret-token"))) {
      int port = api.port();
      for (String path : List.of("/api/definitions", "/api/workflows", "/metrics")) {
        RawHttp.Reply none = RawHttp.send(port, "GET", path, "", "");
        assertJsonError(none, 401, "Authorization: Bearer", "PHASEFLOW_HTTP_TOKEN");
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertJsonError(
            RawHttp.send(port, "GET", path, "Authorization: Bearer s3cret-tokeX", ""), 401);
        assertJsonError(RawHttp.send(port, "GET", path, "Authorization: s3cret-token", ""), 401);
        RawHttp.Reply ok =
            RawHttp.send(port, "GET", path, "Authorization: Bearer s3cret-token", "");
        assertThat(ok.status()).as(path + ": " + ok.body()).isEqualTo(200);
      }
      assertJsonError(
          RawHttp.send(port, "POST", "/api/workflows", "Content-Type: application/json", START),
          401);
      // The dashboard's files stay public: the page must load to ask for the token.
      assertThat(RawHttp.send(port, "GET", "/", "", "").status()).isEqualTo(200);
      assertThat(RawHttp.send(port, "GET", "/js/api.js", "", "").status()).isEqualTo(200);
    }
  }

  @Test
  void headAndOptionsAreAnsweredAsHttpSays() {
    try (HttpApi api = serve(b -> b)) {
      int port = api.port();
      for (String path : List.of("/api/definitions", "/", "/js/app.js")) {
        RawHttp.Reply get = RawHttp.send(port, "GET", path, "", "");
        RawHttp.Reply head = RawHttp.send(port, "HEAD", path, "", "");
        assertThat(head.status()).as(path).isEqualTo(200);
        assertThat(head.body()).as(path).isEmpty();
        assertThat(head.header("Content-Length"))
            .as(path)
            .isEqualTo(Integer.toString(get.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
      }

      RawHttp.Reply options = RawHttp.send(port, "OPTIONS", "/api/workflows", "", "");
      assertThat(options.status()).isEqualTo(204);
      assertThat(options.header("Allow")).isEqualTo("GET, HEAD, OPTIONS, POST");
      assertThat(options.body()).isEmpty();
      assertThat(RawHttp.send(port, "OPTIONS", "/api/definitions/x", "", "").header("Allow"))
          .isEqualTo("GET, HEAD, OPTIONS");
      assertThat(RawHttp.send(port, "OPTIONS", "/", "", "").header("Allow"))
          .isEqualTo("GET, HEAD, OPTIONS");

      RawHttp.Reply wrong =
          RawHttp.send(port, "DELETE", "/api/definitions", "Content-Type: application/json", "");
      assertJsonError(wrong, 405, "method DELETE is not allowed on /api/definitions");
      assertThat(wrong.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
    }
  }

  @Test
  void aBadEscapeIsAJsonBadRequest() {
    try (HttpApi api = serve(b -> b)) {
      int port = api.port();
      assertJsonError(
          RawHttp.send(port, "GET", "/api/workflows/%zz", "", ""), 400, "percent-escape");
      assertJsonError(RawHttp.send(port, "GET", "/%zz", "", ""), 400, "percent-escape");
      assertJsonError(
          RawHttp.send(port, "GET", "/api/workflows?state=%zz", "", ""),
          400,
          "'%zz' is not valid URL encoding");
    }
  }
}
