package io.phaseflow.cli;

import io.phaseflow.engine.dead.DeadLetters;
import io.phaseflow.engine.transport.DeadLetterQueues;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code phaseflow dead list|show|requeue|drop}: the namespace's dead letters. */
@Command(
    name = "dead",
    description = {
      "List, show, requeue or drop the messages that can never be processed.",
      "Each dead letter has its reason and the queue it came from; requeue publishes one",
      "again to that queue once its cause is fixed (e.g. a missing definition was loaded)."
    },
    subcommands = {
      DeadListCommand.class,
      DeadShowCommand.class,
      DeadRequeueCommand.class,
      DeadDropCommand.class
    })
final class DeadCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The dead letters of the cluster the options name (its namespace's dead-letter queue). */
  static DeadLetters of(Cluster cluster) {
    return DeadLetterQueues.of(cluster.bus());
  }
}
