package io.phaseflow.engine.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.inspect.Inspector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The HTTP API and the dashboard, on the JDK's built-in server: read-only views of workflows and
 * definitions, starting workflows, Prometheus metrics, and the dashboard's static files. See the
 * README's "HTTP API and dashboard" for the routes. Binds 127.0.0.1 unless told otherwise.
 *
 * <p>Thread-safe: requests are served concurrently by a small pool; {@link #close()} may be called
 * from any thread.
 */
public final class HttpApi implements AutoCloseable {
  /**
   * The largest request body accepted; a larger one is answered 413. The engine's own input limit,
   * so a body the API takes is never one the engine refuses for its size alone.
   */
  public static final int MAX_BODY_BYTES = Engine.DEFAULT_MAX_BYTES;

  private static final int THREADS = 4;
  private static final long DRAIN_BYTES = 16L * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService pool;
  private final Router router;
  private final String host;

  private HttpApi(Builder b) {
    this.router = new ApiRoutes(b.inspector, b.definitions, b.starter, b.metrics, b.clock).router();
    this.host = b.host;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            THREADS,
            r -> {
              Thread t = new Thread(r, "phaseflow-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      server = HttpServer.create(new InetSocketAddress(b.host, b.port), 0);
    } catch (IOException e) {
      pool.shutdown();
      throw new PhaseflowException(
          "cannot serve HTTP on "
              + b.host
              + ":"
              + b.port
              + " ("
              + e.getMessage()
              + "); choose another port with --http PORT (0 picks a free one)",
          false,
          e);
    }
    server.setExecutor(pool);
    server.createContext("/", this::exchange);
    server.start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The port it listens on (the one picked when asked for 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Where the dashboard is, e.g. {@code http://127.0.0.1:8080/}. */
  public URI url() {
    String shown = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + shown + ":" + port() + "/");
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  private void exchange(HttpExchange exchange) throws IOException {
    try (exchange) {
      Response response;
      try {
        response = router.handle(read(exchange));
      } catch (ApiException e) {
        response = Errors.toResponse(e);
      } catch (RuntimeException e) {
        response = Errors.toResponse(e);
      }
      write(exchange, response);
    }
  }

  private static Request read(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    URI uri = exchange.getRequestURI();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    Map<String, String> query = decodeQuery(uri.getRawQuery());
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    long declared = length == null ? -1 : parseLength(length);
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        // Read on (up to a bound) so that the client, still sending, gets to see the answer.
        long total = body.length + drain(in);
        throw tooLarge(Math.max(declared, total));
      }
    }
    return new Request(method, path, query, body, Map.of());
  }

  private static long drain(InputStream in) throws IOException {
    byte[] buffer = new byte[8192];
    long total = 0;
    for (int n; total < DRAIN_BYTES && (n = in.read(buffer)) > 0; ) {
      total += n;
    }
    return total;
  }

  private static long parseLength(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      throw new ApiException(400, "Content-Length '" + header + "' is not a number");
    }
  }

  private static ApiException tooLarge(long size) {
    return new ApiException(
        413,
        "the request body is "
            + (size < 0 ? "over" : String.format("%,d bytes, over", size))
            + String.format(" the limit of %,d bytes", MAX_BODY_BYTES)
            + "; pass a reference (a path, a URL) to large data instead");
  }

  private static void write(HttpExchange exchange, Response response) throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", response.contentType());
    headers.set("X-Content-Type-Options", "nosniff");
    if (response.contentType().startsWith("application/json")) {
      headers.set("Cache-Control", "no-store");
    }
    response.headers().forEach(headers::set);
    boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    byte[] body = response.body();
    exchange.sendResponseHeaders(response.status(), head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static Map<String, String> decodeQuery(String rawQuery) {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      query.put(decodeForm(name), decodeForm(value));
    }
    return query;
  }

  static String decodeForm(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "'" + s + "' is not valid URL encoding: " + e.getMessage());
    }
  }

  /** Collects what the API shows; only an {@link Inspector} is required. */
  public static final class Builder {
    private Inspector inspector;
    private DefinitionCatalog definitions;
    private WorkflowStarter starter = WorkflowStarter.NONE;
    private Supplier<String> metrics = () -> "";
    private String host = "127.0.0.1";
    private int port;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder inspector(Inspector inspector) {
      this.inspector = inspector;
      return this;
    }

    public Builder definitions(DefinitionCatalog definitions) {
      this.definitions = definitions;
      return this;
    }

    /** How {@code POST /api/workflows} starts one; without it the route answers 405. */
    public Builder starter(WorkflowStarter starter) {
      this.starter = starter;
      return this;
    }

    /** The Prometheus text of {@code GET /metrics}; an empty body by default. */
    public Builder metrics(Supplier<String> metrics) {
      this.metrics = metrics;
      return this;
    }

    /** The address to bind, 127.0.0.1 by default; 0.0.0.0 for every interface. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** The port, 0 (the default) for any free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Binds and starts serving. */
    public HttpApi start() {
      Objects.requireNonNull(inspector, "an HttpApi needs an inspector");
      Objects.requireNonNull(definitions, "an HttpApi needs a definition catalog");
      return new HttpApi(this);
    }
  }
}
