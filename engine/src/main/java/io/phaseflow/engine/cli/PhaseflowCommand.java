package io.phaseflow.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code phaseflow} command line. */
@Command(
    name = "phaseflow",
    mixinStandardHelpOptions = true,
    version = "phaseflow 0.1.0",
    description = "Run workflows written as JSON phase graphs or task DAGs.",
    subcommands = {ValidateCommand.class, RunCommand.class, GraphCommand.class})
public final class PhaseflowCommand implements Runnable {
  /** Exit code of a workflow that ended failed. */
  static final int WORKFLOW_FAILED = 1;

  /** Exit code of bad input: a definition, an option, a file. */
  static final int BAD_INPUT = 2;

  /** Exit code of a workflow that did not end in time. */
  static final int TIMED_OUT = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (for tests). */
  public static int execute(String... args) {
    return new CommandLine(new PhaseflowCommand())
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              cmd.getErr().println("phaseflow: " + e.getMessage());
              return BAD_INPUT;
            })
        .execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
