package io.phaseflow.cli;

import io.phaseflow.engine.state.ControlAction;
import picocli.CommandLine.Command;

/** {@code phaseflow resume ID}: let a paused workflow go on. */
@Command(
    name = "resume",
    description = {
      "Resume a paused workflow.",
      "The jobs made ready while paused are dispatched, and a phase that closed meanwhile moves on.",
      "Written to its history with who and why.",
      "Exit 0 when resumed; 2 when there is no such workflow or it is not paused (the message",
      "says its state and what is possible); 4 when Redis or RabbitMQ cannot be reached."
    })
final class ResumeCommand extends ControlCommand {
  @Override
  ControlAction action() {
    return ControlAction.RESUME;
  }
}
