package io.phaseflow.cli;

import io.phaseflow.engine.inspect.WorkflowResult;
import io.phaseflow.engine.inspect.WorkflowView;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code phaseflow result ID}: what an ended workflow produced, as JSON. */
@Command(
    name = "result",
    description = {
      "Print what an ended workflow produced, from Redis, as JSON.",
      "Its result: the outputs of its last phase entry that ran jobs, {\"Handler\": [output",
      "per job]} (for a task DAG {\"task\": output}), a failed job as {\"error\": ..., \"job\": N}.",
      "Exit 2 while it runs or is paused: it has no result yet."
    })
final class ResultCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "workflow id")
  String id;

  @Option(names = "--json", description = "print compact JSON on one line")
  boolean json;

  @Mixin ServerOptions server;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Cluster cluster = new Cluster(server, "result")) {
      WorkflowView view = Inspection.find(cluster, id);
      WorkflowResult result = Inspection.result(cluster, view);
      out.print(
          json
              ? result.value().toString() + System.lineSeparator()
              : Inspection.json(result.value()));
      out.flush();
      return 0;
    }
  }
}
