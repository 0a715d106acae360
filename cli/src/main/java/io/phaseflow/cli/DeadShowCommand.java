package io.phaseflow.cli;

import io.phaseflow.cli.print.DeadLetterPrinter;
import io.phaseflow.engine.dead.DeadLetters;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code phaseflow dead show ID}: one dead letter with its reason and body. */
@Command(name = "show", description = "Show one dead letter: reason, queue, time and body.")
final class DeadShowCommand implements Callable<Integer> {
  @Mixin ServerOptions server;

  @Parameters(paramLabel = "ID", description = "dead letter id, as dead list prints it")
  String id;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Cluster cluster = new Cluster(server, "dead")) {
      DeadLetters.Letter letter =
          DeadCommand.of(cluster).show(id).orElseThrow(() -> DeadLetters.notFound(id));
      out.print(DeadLetterPrinter.show(letter));
      out.flush();
      return 0;
    }
  }
}
