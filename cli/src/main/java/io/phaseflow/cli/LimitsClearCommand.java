package io.phaseflow.cli;

import io.phaseflow.engine.NotFound;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code phaseflow limits clear HANDLER}: the handler runs unlimited again. */
@Command(
    name = "clear",
    description = "Remove a handler's limit; its deferred jobs go out when due.")
final class LimitsClearCommand implements Callable<Integer> {
  @Mixin ServerOptions server;

  @Parameters(paramLabel = "HANDLER", description = "the handler's name, as limits show prints it")
  String handler;

  @Option(
      names = "--major",
      defaultValue = "1",
      paramLabel = "N",
      description = "the handler's major version (default: ${DEFAULT-VALUE})")
  int major;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Cluster cluster = new Cluster(server, "limits")) {
      if (!cluster.store().limits().clear(handler, major)) {
        throw new NotFound(
            "no limit on handler "
                + handler
                + " v"
                + major
                + "; phaseflow limits show lists the limits set");
      }
      out.printf("limit on %s v%d cleared%n", handler, major);
      out.flush();
      return 0;
    }
  }
}
