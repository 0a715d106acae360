package io.phaseflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.cli.print.SchedulePrinter;
import io.phaseflow.engine.schedule.CronSchedule;
import io.phaseflow.engine.schedule.Schedule;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code phaseflow schedule add NAME --cron EXPR}: start a workflow at every tick. */
@Command(
    name = "add",
    description = {
      "Add a schedule: engine processes start the definition at every tick of --cron.",
      "EXPR is 5 fields, minute hour day-of-month month day-of-week ('*/15 * * * *',",
      "'0 3 * * 1-5'), or @hourly, @daily, @weekly, @monthly, @yearly; in UTC unless --zone.",
      "An engine that was down fires only the latest tick it missed, not each of them."
    })
final class ScheduleAddCommand implements Callable<Integer> {
  @Mixin ServerOptions server;

  @Parameters(
      paramLabel = "NAME",
      description = "the schedule's name (1 to 64 letters, digits, . _ -)")
  String name;

  @Option(names = "--cron", required = true, paramLabel = "EXPR", description = "when to start it")
  String cron;

  @Option(
      names = "--workflow",
      paramLabel = "DEF",
      description = "the loaded definition to start (default: NAME)")
  String workflow;

  @Option(
      names = "--input",
      paramLabel = "JSON",
      description = "the workflow's input: a JSON object, or @file")
  String input;

  @Option(
      names = "--no-overlap",
      description = "skip a tick while the schedule's previous workflow has not ended")
  boolean noOverlap;

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      description = "the cron's time zone, e.g. Europe/Berlin (default: UTC)")
  String zone;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    // Checked before connecting, so a typo is told at once, servers or not.
    Schedule.checkName(name);
    CronSchedule.parse(cron, zone);
    JsonNode data = InputOption.parse(input);
    PrintWriter out = spec.commandLine().getOut();
    try (Cluster cluster = new Cluster(server, "schedule")) {
      Schedule s = cluster.schedules().add(name, cron, zone, workflow, data, noOverlap);
      out.print(SchedulePrinter.added(s, s.cron().next(s.createdAt())));
      out.flush();
      return 0;
    }
  }
}
