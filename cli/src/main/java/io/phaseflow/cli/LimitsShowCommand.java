package io.phaseflow.cli;

import io.phaseflow.cli.print.LimitsPrinter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code phaseflow limits show}: each limit, its leases held and its jobs deferred now. */
@Command(
    name = "show",
    description = {
      "Show the handler limits, each with its leases held and jobs deferred now.",
      "Leases: jobs of the handler dispatched and not ended (or not past their deadline);",
      "deferred: jobs waiting for a lease or for the rate limit."
    })
final class LimitsShowCommand implements Callable<Integer> {
  @Mixin ServerOptions server;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Cluster cluster = new Cluster(server, "limits")) {
      out.print(LimitsPrinter.table(cluster.store().limits().usage(System.currentTimeMillis())));
      out.flush();
      return 0;
    }
  }
}
