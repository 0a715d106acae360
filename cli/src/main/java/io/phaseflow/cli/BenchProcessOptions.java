package io.phaseflow.cli;

import picocli.CommandLine.Option;

/** How many handler instances and engine consumers a benchmark runs: the same for every bench. */
final class BenchProcessOptions {
  @Option(names = "--instances", defaultValue = "8", description = "handler instances")
  int instances;

  @Option(names = "--concurrency", defaultValue = "4", description = "engine consumers per queue")
  int concurrency;
}
