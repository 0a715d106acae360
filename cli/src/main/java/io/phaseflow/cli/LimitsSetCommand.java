package io.phaseflow.cli;

import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.state.HandlerLimit;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code phaseflow limits set HANDLER --max-concurrent N --max-per-second R}. */
@Command(
    name = "set",
    description = {
      "Limit a handler's major version across all its processes.",
      "Replaces the limit it had; engines apply it within a second."
    })
final class LimitsSetCommand implements Callable<Integer> {
  @Mixin ServerOptions server;

  @Parameters(paramLabel = "HANDLER", description = "the handler's name, e.g. Crawler")
  String handler;

  @Option(
      names = "--major",
      defaultValue = "1",
      paramLabel = "N",
      description = "the handler's major version (default: ${DEFAULT-VALUE})")
  int major;

  @Option(
      names = "--max-concurrent",
      defaultValue = "0",
      paramLabel = "N",
      description = "at most N of its jobs running at once (0: no limit)")
  int maxConcurrent;

  @Option(
      names = "--max-per-second",
      defaultValue = "0",
      paramLabel = "R",
      description = "at most R of its jobs started per second (0: no limit)")
  int maxPerSecond;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    HandlerLimit limit;
    try {
      limit = new HandlerLimit(handler, major, maxConcurrent, maxPerSecond);
    } catch (IllegalArgumentException e) {
      throw new RejectedInput("limits set: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Cluster cluster = new Cluster(server, "limits")) {
      cluster.store().limits().set(limit);
      out.printf("limit set: %s%n", limit);
      out.flush();
      return 0;
    }
  }
}
