package io.phaseflow.cli;

import io.phaseflow.engine.dead.DeadLetters;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code phaseflow dead drop ID}: remove a dead letter for good. */
@Command(name = "drop", description = "Remove a dead letter for good.")
final class DeadDropCommand implements Callable<Integer> {
  @Mixin ServerOptions server;

  @Parameters(paramLabel = "ID", description = "dead letter id, as dead list prints it")
  String id;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Cluster cluster = new Cluster(server, "dead")) {
      DeadLetters.Letter letter = DeadCommand.of(cluster).drop(id);
      out.printf("dropped dead letter %s (from %s)%n", letter.id(), letter.queue());
      out.flush();
      return 0;
    }
  }
}
