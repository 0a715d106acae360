package io.phaseflow.cli;

import io.phaseflow.cli.print.SchedulePrinter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code phaseflow schedule list}: every schedule, its next run and its last workflow. */
@Command(
    name = "list",
    description = {
      "List the schedules, each with its next run and its last workflow.",
      "Columns: definition, cron, next run, last fired tick, its workflow and status, overlap",
      "policy (skip: --no-overlap) and how many ticks were skipped; times in UTC."
    })
final class ScheduleListCommand implements Callable<Integer> {
  @Mixin ServerOptions server;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Cluster cluster = new Cluster(server, "schedule")) {
      out.print(SchedulePrinter.list(cluster.schedules().list(), cluster.stateWhere()));
      out.flush();
      return 0;
    }
  }
}
