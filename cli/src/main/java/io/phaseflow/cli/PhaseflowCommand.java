package io.phaseflow.cli;

import io.phaseflow.engine.ErrorKind;
import io.phaseflow.engine.PhaseflowException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code phaseflow} command line. */
@Command(
    name = "phaseflow",
    mixinStandardHelpOptions = true,
    // --help and --version on every command, so none answers --help with "Missing parameter".
    scope = CommandLine.ScopeType.INHERIT,
    version = "phaseflow 0.1.0",
    description = "Run workflows written as JSON phase graphs or task DAGs.",
    subcommands = {
      ValidateCommand.class,
      RunCommand.class,
      GraphCommand.class,
      LoadCommand.class,
      StartCommand.class,
      HistoryCommand.class,
      StatusCommand.class,
      ResultCommand.class,
      ListCommand.class,
      PauseCommand.class,
      ResumeCommand.class,
      CancelCommand.class,
      RedriveCommand.class,
      DeadCommand.class,
      ScheduleCommand.class,
      LimitsCommand.class,
      EngineCommand.class,
      HandlersCommand.class,
      ServeCommand.class,
      BenchCommand.class
    })
public final class PhaseflowCommand implements Runnable {
  /** Exit code of a workflow that ended failed. */
  static final int WORKFLOW_FAILED = 1;

  /** Exit code of bad input: a definition, an option, a file. */
  static final int BAD_INPUT = ErrorKind.REJECTED_INPUT.exitCode();

  /** Exit code of a workflow that did not end in time. */
  static final int TIMED_OUT = ErrorKind.TIMED_OUT.exitCode();

  /** Exit code of a server that could not be reached or failed: trying again later may work. */
  static final int SERVER_UNAVAILABLE = ErrorKind.SERVER_UNAVAILABLE.exitCode();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(execute(out, err, args));
  }

  /** Runs the command line with the given output streams and returns its exit code. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    return commandLine()
        .setOut(out)
        .setErr(err)
        // "@file" is ours (--input @file), not picocli's argument files: off for every command.
        .setExpandAtFiles(false)
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              cmd.getErr().println("phaseflow: " + e.getMessage());
              if (e instanceof PhaseflowException p) {
                return p.kind().exitCode();
              }
              return ServerFailure.of(e, "Redis", "RabbitMQ").isPresent()
                  ? SERVER_UNAVAILABLE
                  : BAD_INPUT;
            })
        .execute(args);
  }

  /** The command tree, with --help and --version on every command (new ones included). */
  static CommandLine commandLine() {
    return new CommandLine(new PhaseflowCommand());
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
