package io.phaseflow.cli;

import io.phaseflow.cli.print.DeadLetterPrinter;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.dead.DeadLetters;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code phaseflow dead list}: the dead letters, oldest first. */
@Command(
    name = "list",
    description = "List the dead letters, oldest first: id, when, original queue, reason.")
final class DeadListCommand implements Callable<Integer> {
  @Mixin ServerOptions server;

  @Option(
      names = "--limit",
      defaultValue = "50",
      description = "how many to show (1 to " + DeadLetters.SCAN_LIMIT + ", default: 50)")
  int limit;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (limit < 1 || limit > DeadLetters.SCAN_LIMIT) {
      throw new RejectedInput(
          "--limit must be from 1 to " + DeadLetters.SCAN_LIMIT + ", not " + limit);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Cluster cluster = new Cluster(server, "dead")) {
      out.print(
          DeadLetterPrinter.list(
              DeadCommand.of(cluster).list(limit), "queue " + cluster.deadLetterQueue()));
      out.flush();
      return 0;
    }
  }
}
