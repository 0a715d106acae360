package io.phaseflow.cli;

import io.phaseflow.engine.state.ControlAction;
import picocli.CommandLine.Command;

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
final class RedriveCommand extends ControlCommand {
  @Override
  ControlAction action() {
    return ControlAction.REDRIVE;
  }
}
