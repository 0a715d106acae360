package io.phaseflow.engine.cli;

import io.phaseflow.engine.http.DefinitionCatalog;
import io.phaseflow.engine.http.HttpApi;
import io.phaseflow.engine.http.WorkflowStarter;
import io.phaseflow.engine.inspect.Inspector;
import io.phaseflow.engine.state.StateStore;
import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** {@code --http PORT [--http-host HOST]}: serve the HTTP API and the dashboard. */
final class HttpOptions {
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

  boolean enabled() {
    return port != null;
  }

  /** Starts serving and prints where; null when {@code --http} was not given. */
  HttpApi serve(
      StateStore store,
      DefinitionCatalog definitions,
      WorkflowStarter starter,
      Supplier<String> metrics,
      PrintWriter out) {
    if (!enabled()) {
      return null;
    }
    HttpApi api =
        HttpApi.builder()
            .inspector(new Inspector(store))
            .definitions(definitions)
            .starter(starter)
            .metrics(metrics)
            .host(host)
            .port(port)
            .start();
    out.println("dashboard: " + api.url());
    out.flush();
    return api;
  }
}
