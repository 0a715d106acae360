package io.phaseflow.cli;

import io.phaseflow.cli.print.HistoryPrinter;
import io.phaseflow.engine.inspect.InspectJson;
import io.phaseflow.engine.inspect.WorkflowView;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code phaseflow history ID}: a stored workflow's transitions, as {@code run} prints them. */
@Command(
    name = "history",
    description = {
      "Print a workflow's transitions from Redis.",
      "Each line: when (UTC), from → to, why, how long the phase took, its jobs per handler,",
      "a failure's job and error; then where the workflow stands."
    })
final class HistoryCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "workflow id")
  String id;

  @Option(names = "--json", description = "print the transitions as JSON")
  boolean json;

  @Mixin ServerOptions server;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Cluster cluster = new Cluster(server, "history")) {
      WorkflowView view = Inspection.find(cluster, id);
      long now = System.currentTimeMillis();
      out.print(
          json
              ? Inspection.json(InspectJson.history(view.history()))
              : HistoryPrinter.render(view, now));
      out.flush();
      return 0;
    }
  }
}
