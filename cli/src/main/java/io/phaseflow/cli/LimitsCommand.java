package io.phaseflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code phaseflow limits set|show|clear}: limits per handler, held across all its processes. */
@Command(
    name = "limits",
    description = {
      "Set, show or clear handler limits: max concurrent jobs and max jobs per second.",
      "A limit holds across every process that serves the handler's major version: the",
      "engine takes a lease per job before it publishes it (expiring at the job's deadline)",
      "and defers the job when none is free; handlers need no change."
    },
    subcommands = {LimitsSetCommand.class, LimitsShowCommand.class, LimitsClearCommand.class})
final class LimitsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
