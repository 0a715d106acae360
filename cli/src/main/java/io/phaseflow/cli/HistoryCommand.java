package io.phaseflow.cli;

import io.phaseflow.cli.print.HistoryPrinter;
import io.phaseflow.cli.print.JobPrinter;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.inspect.InspectJson;
import io.phaseflow.engine.inspect.Inspector;
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
      "a failure's job and error; then where the workflow stands. --jobs adds a line per job",
      "under each entry: index, name, status, attempt, output (cut to --width) or error."
    })
final class HistoryCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "workflow id")
  String id;

  @Option(names = "--json", description = "print the transitions as JSON")
  boolean json;

  @Option(
      names = "--jobs",
      description = "under each phase entry's line, a line per job: its status, attempt and output")
  boolean jobs;

  @Option(
      names = "--width",
      paramLabel = "N",
      defaultValue = "" + JobPrinter.DEFAULT_WIDTH,
      description =
          "with --jobs: cut each output to N characters, ending in … (default: ${DEFAULT-VALUE})")
  int width;

  @Option(names = "--full", description = "with --jobs: print each output whole")
  boolean full;

  @Mixin ServerOptions server;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (width < 1) {
      throw new RejectedInput("--width must be 1 or more, not " + width + " (--full: no limit)");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Cluster cluster = new Cluster(server, "history")) {
      WorkflowView view = Inspection.find(cluster, id);
      long now = System.currentTimeMillis();
      Inspector inspector = new Inspector(cluster.store());
      out.print(
          json
              ? Inspection.json(InspectJson.history(view.history()))
              : jobs
                  ? HistoryPrinter.render(
                      view, now, entry -> inspector.jobs(id, entry), full ? 0 : width)
                  : HistoryPrinter.render(view, now));
      out.flush();
      return 0;
    }
  }
}
