package io.phaseflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code phaseflow schedule add|list|remove}: workflows started on a cron schedule. */
@Command(
    name = "schedule",
    description = {
      "Add, list or remove schedules: a workflow started at every tick of a cron expression.",
      "Engine processes fire the ticks, each exactly once between all of them; with",
      "--no-overlap a tick while the schedule's previous workflow runs is skipped."
    },
    subcommands = {
      ScheduleAddCommand.class,
      ScheduleListCommand.class,
      ScheduleRemoveCommand.class
    })
final class ScheduleCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
