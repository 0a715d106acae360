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
      "Fits to the runs of FILE (written by bench costs --record) named by --fit, checks the model",
      "against its other runs, predicted and measured per node, and prints what a target load",
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

  @Option(
      names = "--jobs-per-second",
      defaultValue = "1000000",
      description = "target jobs finished per second (default: ${DEFAULT-VALUE})")
  double jobsPerSecond;

  @Option(
      names = "--running",
      defaultValue = "100000000",
      description = "target running workflows (default: ${DEFAULT-VALUE})")
  double running;

  @Option(
      names = "--fanout",
      defaultValue = "10",
      description = "F: jobs per phase of the target's workflows (default: ${DEFAULT-VALUE})")
  int fanout;

  @Option(
      names = "--retention-hours",
      defaultValue = "168",
      description = "how long finished workflows stay in Redis (default: ${DEFAULT-VALUE})")
  double retentionHours;

  @Option(
      names = "--master-busy",
      defaultValue = "0.5",
      description = "share of one core a Redis master may use (default: ${DEFAULT-VALUE})")
  double masterBusy;

  @Option(
      names = "--master-gb",
      defaultValue = "25",
      description = "GB of data a Redis master may hold (default: ${DEFAULT-VALUE})")
  double masterGb;

  @Option(
      names = "--shards",
      defaultValue = "64",
      description = "shard slots per namespace (default: ${DEFAULT-VALUE})")
  int shards;

  @Option(
      names = "--broker-cores",
      defaultValue = "16",
      description = "cores of a RabbitMQ node (default: ${DEFAULT-VALUE})")
  int brokerCores;

  @Option(
      names = "--broker-busy",
      defaultValue = "0.6",
      description = "share of its cores a RabbitMQ node may use (default: ${DEFAULT-VALUE})")
  double brokerBusy;

  @Option(
      names = "--queue-rate",
      defaultValue = "16800",
      description =
          "msgs/s one queue carries (default: ${DEFAULT-VALUE}, from one quorum queue's CPU per"
              + " message on the local cluster; see docs/capacity.md)")
  double queueRate;

  @Option(
      names = "--hot-handler",
      defaultValue = "0.25",
      description = "share of all jobs the busiest handler takes (default: ${DEFAULT-VALUE})")
  double hotHandler;

  @Option(
      names = "--process-cores",
      defaultValue = "4",
      description = "cores of an engine or handler process (default: ${DEFAULT-VALUE})")
  int processCores;

  @Option(
      names = "--process-busy",
      defaultValue = "0.7",
      description = "share of its cores a process may use (default: ${DEFAULT-VALUE})")
  double processBusy;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(records)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          records
              + " is not a file; record runs first with: phaseflow bench costs --record "
              + records);
    }
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
