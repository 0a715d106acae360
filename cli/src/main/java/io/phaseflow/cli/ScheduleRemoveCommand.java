package io.phaseflow.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code phaseflow schedule remove NAME}: no more ticks; its running workflow goes on. */
@Command(
    name = "remove",
    description = "Remove a schedule and its firings; a workflow it started runs on.")
final class ScheduleRemoveCommand implements Callable<Integer> {
  @Mixin ServerOptions server;

  @Parameters(paramLabel = "NAME", description = "the schedule, as schedule list prints it")
  String name;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Cluster cluster = new Cluster(server, "schedule")) {
      cluster.schedules().remove(name);
      out.printf("schedule %s removed%n", name);
      out.flush();
      return 0;
    }
  }
}
