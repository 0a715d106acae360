package io.phaseflow.cli;

import io.phaseflow.bench.ValidationBenchmark;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code phaseflow bench validate}: validation time by definition size; no servers. */
@Command(
    name = "validate",
    description = {
      "Measure validation time by definition size.",
      "Parses, validates and compiles generated chains of N phases (each with an error edge",
      "and a for_each over the previous phase) and prints the fastest of --runs runs per size,",
      "in milliseconds and per 1,000 phases (flat when validation is linear)."
    })
final class BenchValidateCommand implements Callable<Integer> {
  @Option(
      names = "--phases",
      split = ",",
      defaultValue = "5000,20000,50000",
      description = "sizes to measure, comma-separated (default: ${DEFAULT-VALUE})")
  List<Integer> phases;

  @Option(
      names = "--runs",
      defaultValue = "3",
      description = "runs per size; the fastest is printed (default: ${DEFAULT-VALUE})")
  int runs;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    out.println("phaseflow bench validate: parse + validate + compile, in this JVM");
    ValidationBenchmark.run(phases, Math.max(1, runs), out);
    return 0;
  }
}
