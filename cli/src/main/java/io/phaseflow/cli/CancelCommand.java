package io.phaseflow.cli;

import io.phaseflow.engine.state.ControlAction;
import picocli.CommandLine.Command;

/** {@code phaseflow cancel ID}: end a running or paused workflow. */
@Command(
    name = "cancel",
    description = {
      "Cancel a running or paused workflow: it ends in status canceled.",
      "Results of jobs still running are dropped (the jobs run to their end: handlers are not",
      "interrupted). Its state expires after the retention, like any ended workflow.",
      "Written to its history with who and why (--reason).",
      "Exit 0 when canceled; 2 when there is no such workflow or it has ended (the message",
      "says its state and what is possible); 4 when Redis or RabbitMQ cannot be reached."
    })
final class CancelCommand extends ControlCommand {
  @Override
  ControlAction action() {
    return ControlAction.CANCEL;
  }
}
