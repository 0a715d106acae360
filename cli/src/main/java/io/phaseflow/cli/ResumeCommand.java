package io.phaseflow.cli;

import io.phaseflow.engine.state.ControlAction;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
final class ResumeCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "workflow id")
  String id;

  @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the history")
  String reason;

  @Mixin ServerOptions server;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return ControlCommands.apply(server, spec, id, ControlAction.RESUME, reason);
  }
}
