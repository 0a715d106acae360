package io.phaseflow.cli;

import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.dead.DeadLetters;
import io.phaseflow.engine.deployed.HandlerQueues;
import io.phaseflow.engine.http.DefinitionCatalog;
import io.phaseflow.engine.http.HttpApi;
import io.phaseflow.engine.http.WorkflowController;
import io.phaseflow.engine.http.WorkflowStarter;
import io.phaseflow.engine.inspect.Inspector;
import io.phaseflow.engine.schedule.Schedules;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.WorkflowReads;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * {@code --http PORT} and the options of the server it starts: where it binds, the names it answers
 * to, its token, its read timeout and threads. Shared by every command that serves HTTP.
 */
final class HttpOptions {
  static final String TOKEN_ENV = "PHASEFLOW_HTTP_TOKEN";
  static final String ALLOW_HOSTS_ENV = "PHASEFLOW_HTTP_ALLOW_HOSTS";
  private static final int MAX_TOKEN_BYTES = 4096;

  @Option(
      names = "--http",
      paramLabel = "PORT",
      description = "serve the HTTP API and the dashboard on this port (0: any free port)")
  Integer port;

  @Option(
      names = "--http-host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description = "the address to serve on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all)")
  String host;

  @Option(
      names = "--http-allow-host",
      paramLabel = "NAME",
      split = ",",
      description =
          "a further name to answer to in Host and Origin (host, host:port or an origin URL),"
              + " besides 127.0.0.1, localhost and --http-host; repeatable; also from "
              + ALLOW_HOSTS_ENV
              + " (comma-separated)")
  List<String> allowHosts = new ArrayList<>();

  @Option(
      names = "--http-token-file",
      paramLabel = "PATH",
      description =
          "require Authorization: Bearer TOKEN on /api and /metrics, with the token in this file"
              + " (else from the environment variable "
              + TOKEN_ENV
              + ", if set)")
  Path tokenFile;

  @Option(
      names = "--http-read-timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description =
          "close a connection that sends nothing of its request for this long (default:"
              + " ${DEFAULT-VALUE})")
  Duration readTimeout;

  @Option(
      names = "--http-threads",
      paramLabel = "N",
      defaultValue = "" + HttpApi.DEFAULT_THREADS,
      description = "the most HTTP requests served at once (default: ${DEFAULT-VALUE}; 8 or more)")
  int threads;

  boolean enabled() {
    return port != null;
  }

  /** Starts serving and prints where; null when {@code --http} was not given. */
  HttpApi serve(
      WorkflowReads store,
      DefinitionCatalog definitions,
      WorkflowStarter starter,
      WorkflowController controller,
      Supplier<String> metrics,
      PrintWriter out) {
    return serve(store, definitions, starter, controller, metrics, null, out);
  }

  /** As above, with the dead-letter routes over {@code deadLetters} (none when null). */
  HttpApi serve(
      WorkflowReads store,
      DefinitionCatalog definitions,
      WorkflowStarter starter,
      WorkflowController controller,
      Supplier<String> metrics,
      DeadLetters deadLetters,
      PrintWriter out) {
    return serve(
        store, definitions, starter, controller, metrics, deadLetters, HandlerQueues.NONE, out);
  }

  /** As above, with {@code GET /api/handlers} over {@code handlers}. */
  HttpApi serve(
      WorkflowReads store,
      DefinitionCatalog definitions,
      WorkflowStarter starter,
      WorkflowController controller,
      Supplier<String> metrics,
      DeadLetters deadLetters,
      HandlerQueues handlers,
      PrintWriter out) {
    return serve(
        store, definitions, starter, controller, metrics, deadLetters, handlers, null, out);
  }

  /** As above, with the {@code /api/schedules} routes over {@code schedules} (none when null). */
  HttpApi serve(
      WorkflowReads store,
      DefinitionCatalog definitions,
      WorkflowStarter starter,
      WorkflowController controller,
      Supplier<String> metrics,
      DeadLetters deadLetters,
      HandlerQueues handlers,
      Schedules schedules,
      PrintWriter out) {
    if (!enabled()) {
      return null;
    }
    String token = token(tokenFile, System.getenv());
    HttpApi api;
    try {
      api =
          HttpApi.builder()
              .inspector(new Inspector(store))
              .definitions(definitions)
              .starter(starter)
              .controller(controller)
              .deadLetters(deadLetters)
              .handlerQueues(handlers)
              .schedules(schedules)
              // an operator step, not a read: only where the reads are a whole store's
              .limits(store instanceof StateStore s ? s.limits() : null)
              .metrics(metrics)
              .host(host)
              .port(port)
              .readTimeout(readTimeout)
              .threads(threads)
              .allowedHosts(allowedHosts(allowHosts, System.getenv()))
              .token(token)
              .start();
    } catch (IllegalArgumentException e) {
      throw new RejectedInput(e.getMessage(), e);
    }
    out.println("dashboard: " + api.url() + (token == null ? "" : " (API token required)"));
    out.flush();
    return api;
  }

  /** The allowed names: the options', then the environment's. */
  static List<String> allowedHosts(List<String> options, Map<String, String> env) {
    List<String> all = new ArrayList<>(options);
    String fromEnv = env.get(ALLOW_HOSTS_ENV);
    if (fromEnv != null) {
      Arrays.stream(fromEnv.split(","))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .forEach(all::add);
    }
    return all;
  }

  /**
   * The API token: the file's content (one line; surrounding whitespace dropped) when a file is
   * given, else the environment's; null when neither is set.
   *
   * @throws RejectedInput naming the file when it cannot be read or holds no token
   */
  static String token(Path file, Map<String, String> env) {
    if (file == null) {
      String fromEnv = env.get(TOKEN_ENV);
      return fromEnv == null || fromEnv.isBlank() ? null : fromEnv.strip();
    }
    String text;
    try {
      if (Files.isDirectory(file) || Files.size(file) > MAX_TOKEN_BYTES) {
        throw new RejectedInput(
            "--http-token-file "
                + file
                + " is not a token file (a directory, or over "
                + MAX_TOKEN_BYTES
                + " bytes); write the token alone in a file");
      }
      text = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new RejectedInput(
          "cannot read --http-token-file " + file + " (" + e + "); write the token alone in a file",
          e);
    }
    if (text.isEmpty() || text.contains("\n")) {
      throw new RejectedInput(
          "--http-token-file "
              + file
              + (text.isEmpty() ? " is empty" : " has more than one line")
              + "; write the token alone on one line");
    }
    return text;
  }
}
