package io.phaseflow.cli;

import io.phaseflow.engine.dead.DeadLetters;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code phaseflow dead requeue ID}: publish a dead letter again to its queue. */
@Command(
    name = "requeue",
    description = {
      "Publish a dead letter again to the queue it came from, then remove it.",
      "Fix its cause first (see dead show), or it comes back."
    })
final class DeadRequeueCommand implements Callable<Integer> {
  @Mixin ServerOptions server;

  @Parameters(paramLabel = "ID", description = "dead letter id, as dead list prints it")
  String id;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Cluster cluster = new Cluster(server, "dead")) {
      DeadLetters.Letter letter = DeadCommand.of(cluster).requeue(id);
      out.printf("requeued dead letter %s to %s%n", letter.id(), letter.queue());
      out.flush();
      return 0;
    }
  }
}
