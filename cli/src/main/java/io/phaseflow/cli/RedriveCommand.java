package io.phaseflow.cli;

import io.phaseflow.engine.state.ControlAction;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code phaseflow redrive ID}: run a failed workflow again from the phase whose jobs failed. */
@Command(
    name = "redrive",
    description = {
      "Run a failed workflow again from the phase whose jobs failed.",
      "That phase (the one its error edge was taken from, or the one it failed in) is entered again",
      "as a new entry: its jobs that succeeded keep their outputs and do not run again, its failed",
      "and skipped jobs run. Earlier outputs and the whole history are kept; it runs again.",
      "Written to its history with who and why.",
      "Exit 0 when redriven; 2 when there is no such workflow or it has not failed (the message",
      "says its state and what is possible); 4 when Redis or RabbitMQ cannot be reached."
    })
final class RedriveCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "workflow id")
  String id;

  @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the history")
  String reason;

  @Mixin ServerOptions server;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return ControlCommands.apply(server, spec, id, ControlAction.REDRIVE, reason);
  }
}
