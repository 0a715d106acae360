package io.phaseflow.engine.http;

import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.dead.DeadLetters;
import io.phaseflow.engine.deployed.HandlerQueues;
import io.phaseflow.engine.inspect.Inspector;
import io.phaseflow.engine.schedule.Schedules;
import io.phaseflow.engine.state.HandlerLimits;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The HTTP API and the dashboard, on Jetty: read-only views of workflows and definitions, starting
 * workflows, Prometheus metrics, and the dashboard's static files. See the README's "HTTP API and
 * dashboard" for the routes and the security model. Binds 127.0.0.1 unless told otherwise.
 *
 * <p>Connections wait on a selector, not on a thread: a pool thread is taken only once a request
 * has arrived, and a connection that stops sending for the read timeout (in its headers or its
 * body) is closed, so slow or half-open connections cannot freeze the server.
 *
 * <p>Thread-safe: requests are served concurrently by a bounded pool; {@link #close()} may be
 * called from any thread.
 */
public final class HttpApi implements AutoCloseable {
  /**
   * The largest request body accepted; a larger one is answered 413. The engine's own input limit,
   * so a body the API takes is never one the engine refuses for its size alone.
   */
  public static final int MAX_BODY_BYTES = Engine.DEFAULT_MAX_BYTES;

  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_THREADS = 32;
  public static final int DEFAULT_MAX_CONNECTIONS = 1024;

  private final Server server;
  private final ServerConnector connector;
  private final String host;

  private HttpApi(Builder b) {
    this.host = b.host;
    QueuedThreadPool pool = new QueuedThreadPool(b.threads, Math.min(4, b.threads));
    pool.setName("phaseflow-http");
    pool.setDaemon(true);
    // Daemon threads, as before: a serving API never keeps the JVM alive by itself.
    server = new Server(pool, new ScheduledExecutorScheduler("phaseflow-http-timer", true), null);
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendXPoweredBy(false);
    // The router decodes the raw path itself, one segment at a time (an encoded / is part of a
    // name, never a step), and the static files take only plain names.
    config.setUriCompliance(
        UriCompliance.DEFAULT.with(
            "phaseflow",
            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
            UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
    connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
    connector.setHost(b.host);
    connector.setPort(b.port);
    connector.setIdleTimeout(b.readTimeout.toMillis());
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(b.maxConnections, connector));
    server.setErrorHandler(new JsonErrorHandler());
    Router router =
        new ApiRoutes(b.inspector, b.definitions, b.starter, b.controller, b.metrics, b.clock)
            .router();
    new DeadLetterRoutes(b.deadLetters).addTo(router);
    new HandlerRoutes(b.handlerQueues).addTo(router);
    new ScheduleRoutes(b.schedules).addTo(router);
    new LimitRoutes(b.limits, b.clock).addTo(router);
    try {
      connector.open(); // binds now: the gate needs the port (0 picks one) before any request
      server.setHandler(
          new JettyAdapter(new Gate(port(), b.host, b.allowedHosts, b.token), router, pool));
      server.start();
    } catch (Exception e) {
      stopQuietly();
      throw new RejectedInput(
          "cannot serve HTTP on "
              + b.host
              + ":"
              + b.port
              + " ("
              + e.getMessage()
              + "); choose another port with --http PORT (0 picks a free one)",
          e);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The port it listens on (the one picked when asked for 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /**
   * Where the dashboard is, e.g. {@code http://127.0.0.1:8080/}; 127.0.0.1 when bound to every
   * interface (a wildcard address is no name to browse to, and the server does not answer to it).
   */
  public URI url() {
    String name = Set.of("0.0.0.0", "::", "[::]").contains(host) ? "127.0.0.1" : host;
    String shown = name.contains(":") && !name.startsWith("[") ? "[" + name + "]" : name;
    return URI.create("http://" + shown + ":" + port() + "/");
  }

  @Override
  public void close() {
    stopQuietly();
  }

  private void stopQuietly() {
    try {
      server.stop();
    } catch (Exception e) {
      // Stopping only closes sockets and threads; nothing to do if one refuses.
    }
  }

  static ApiException tooLarge(long size) {
    return new ApiException(
        413,
        "the request body is "
            + (size < 0 ? "over" : String.format("%,d bytes, over", size))
            + String.format(" the limit of %,d bytes", MAX_BODY_BYTES)
            + "; pass a reference (a path, a URL) to large data instead");
  }

  /** Collects what the API shows; only an {@link Inspector} is required. */
  public static final class Builder {
    private Inspector inspector;
    private DefinitionCatalog definitions;
    private WorkflowStarter starter = WorkflowStarter.NONE;
    private WorkflowController controller = WorkflowController.NONE;
    private DeadLetters deadLetters = DeadLetterRoutes.NONE;
    private HandlerQueues handlerQueues = HandlerQueues.NONE;
    private Schedules schedules;
    private HandlerLimits limits;
    private Supplier<String> metrics = () -> "";
    private String host = "127.0.0.1";
    private int port;
    private Clock clock = Clock.systemUTC();
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private int threads = DEFAULT_THREADS;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private List<String> allowedHosts = List.of();
    private String token;

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
    /** The namespace's dead letters, for the {@code /api/dead-letters} routes; none by default. */
    public Builder deadLetters(DeadLetters deadLetters) {
      this.deadLetters = deadLetters;
      return this;
    }

    /** The handler queues for {@code GET /api/handlers}; none by default. */
    public Builder handlerQueues(HandlerQueues queues) {
      this.handlerQueues = queues;
      return this;
    }

    /** The handler limits for the {@code /api/limits} routes; none (404) by default. */
    public Builder limits(HandlerLimits limits) {
      this.limits = limits;
      return this;
    }

    /** The schedules for the {@code /api/schedules} routes; none (404) by default. */
    public Builder schedules(Schedules schedules) {
      this.schedules = schedules;
      return this;
    }

    public Builder starter(WorkflowStarter starter) {
      this.starter = starter;
      return this;
    }

    /** The Prometheus text of {@code GET /metrics}; an empty body by default. */
    /** How {@code POST /api/workflows/{id}/pause} and the like act; without it they answer 405. */
    public Builder controller(WorkflowController controller) {
      this.controller = controller;
      return this;
    }

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

    /**
     * How long a connection may stay silent while sending a request (its headers or its body)
     * before it is closed; also how long an idle kept-alive connection stays open.
     */
    public Builder readTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the HTTP read timeout must be positive: " + timeout);
      }
      this.readTimeout = timeout;
      return this;
    }

    /** The most requests served at once (the pool's threads, 8 or more). */
    public Builder threads(int threads) {
      if (threads < 8) {
        throw new IllegalArgumentException(
            "the HTTP server needs at least 8 threads (its selector and acceptor take 2), not "
                + threads);
      }
      this.threads = threads;
      return this;
    }

    /** The most connections open at once; more wait to be accepted. */
    public Builder maxConnections(int max) {
      this.maxConnections = max;
      return this;
    }

    /**
     * Names besides 127.0.0.1, localhost and the bound address that requests may use in {@code
     * Host} and {@code Origin}: {@code host} (any port), {@code host:port} or an origin URL.
     *
     * @throws IllegalArgumentException naming an entry that is none of these
     */
    public Builder allowedHosts(Collection<String> hosts) {
      hosts.forEach(Gate::parseAllowed);
      this.allowedHosts = List.copyOf(hosts);
      return this;
    }

    /** The bearer token every API and metrics request must carry; null (the default) for none. */
    public Builder token(String token) {
      this.token = token;
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
