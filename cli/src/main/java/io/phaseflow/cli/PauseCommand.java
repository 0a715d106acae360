package io.phaseflow.cli;

import io.phaseflow.engine.state.ControlAction;
import picocli.CommandLine.Command;

/** {@code phaseflow pause ID}: stop dispatching a running workflow's jobs. */
@Command(
    name = "pause",
    description = {
      "Pause a running workflow.",
      "No new job is dispatched; running jobs finish and are counted, and the phase may close,",
      "but the workflow does not move on until `resume`. Written to its history with who and why.",
      "Exit 0 when paused; 2 when there is no such workflow or it is not running (the message",
      "says its state and what is possible); 4 when Redis or RabbitMQ cannot be reached."
    })
final class PauseCommand extends ControlCommand {
  @Override
  ControlAction action() {
    return ControlAction.PAUSE;
  }
}
