package io.phaseflow.cli;

import io.phaseflow.engine.state.ControlAction;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options and the step of {@code pause}, {@code resume}, {@code cancel} and {@code redrive}:
 * each subclass names only its action and its help text.
 */
abstract class ControlCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "workflow id")
  String id;

  @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the history")
  String reason;

  @Mixin ServerOptions server;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  abstract ControlAction action();

  @Override
  public Integer call() {
    return ControlCommands.apply(server, spec, id, action(), reason);
  }
}
