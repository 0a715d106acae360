package io.phaseflow.cli;

import io.phaseflow.bench.CapacityPlan;
import io.phaseflow.bench.CapacityReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code phaseflow bench capacity}: the capacity model from recorded {@code bench costs} runs. */
@Command(
    name = "capacity",
    description = {
      "Fit the capacity model to recorded runs and size a target load.",
      "Fits to the `bench costs --record FILE` runs named by --fit, checks the model against the",
      "other runs of FILE (predicted and measured per node), and prints what a target load",
      "takes. No servers."
    })
final class BenchCapacityCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "records written by bench costs --record")
  Path records;

  @Option(
      names = "--fit",
      split = ",",
      defaultValue = "fit-f5,fit-f20",
      description = "labels of the runs to fit (at least two fan-outs; default: ${DEFAULT-VALUE})")
  List<String> fit;

  @Option(names = "--jobs-per-second", defaultValue = "1000000")
  double jobsPerSecond;

  @Option(names = "--running", defaultValue = "100000000", description = "running workflows")
  double running;

  @Option(names = "--fanout", defaultValue = "10")
  int fanout;

  @Option(names = "--retention-hours", defaultValue = "168", description = "finished kept (7 d)")
  double retentionHours;

  @Option(names = "--master-busy", defaultValue = "0.5", description = "core share per master")
  double masterBusy;

  @Option(names = "--master-gb", defaultValue = "25", description = "data GB per master")
  double masterGb;

  @Option(names = "--shards", defaultValue = "64", description = "shard slots per namespace")
  int shards;

  @Option(names = "--broker-cores", defaultValue = "16")
  int brokerCores;

  @Option(names = "--broker-busy", defaultValue = "0.6")
  double brokerBusy;

  @Option(names = "--queue-rate", defaultValue = "20000", description = "msgs/s one queue carries")
  double queueRate;

  @Option(names = "--hot-handler", defaultValue = "0.25", description = "busiest handler's share")
  double hotHandler;

  @Option(names = "--process-cores", defaultValue = "4")
  int processCores;

  @Option(names = "--process-busy", defaultValue = "0.7")
  double processBusy;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<String> lines = Files.readAllLines(records, StandardCharsets.UTF_8);
    CapacityPlan.Target target =
        new CapacityPlan.Target(
            jobsPerSecond,
            running,
            fanout,
            retentionHours * 3600,
            masterBusy,
            masterGb * 1e9,
            shards,
            brokerCores,
            brokerBusy,
            queueRate,
            hotHandler,
            processCores,
            processBusy);
    CapacityReport.print(lines, fit::contains, target, spec.commandLine().getOut());
    return 0;
  }
}
