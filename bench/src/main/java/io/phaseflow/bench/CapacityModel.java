package io.phaseflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Per-workflow costs as straight lines in the workflow's size, fitted by least squares to {@code
 * bench costs} runs of different fan-outs: CPU and messages are {@code a + b·J} for J = 2F + 1 jobs
 * (a: the start and three phase transitions, b: each job; the handler process's has no a), Redis
 * bytes of a running workflow {@code a + b·F} (F jobs queued in phase a), of a finished one {@code
 * a + b·J}. Per node, a Redis master's CPU is the masters' total times its share of the 64 shard
 * slots (a structural prediction, nothing fitted), a replica's the replicas' total split evenly,
 * and a RabbitMQ node's the nodes' total times the share that node had in the fitting runs.
 */
final class CapacityModel {
  /** {@code perWorkflow + perUnit·x}. */
  record Line(double perWorkflow, double perUnit) {
    double at(double x) {
      return perWorkflow + perUnit * x;
    }

    /** Least squares through the points (x, y); needs two different x. */
    static Line fit(double[] x, double[] y) {
      int n = x.length;
      double mx = 0;
      double my = 0;
      for (int i = 0; i < n; i++) {
        mx += x[i] / n;
        my += y[i] / n;
      }
      double sxx = 0;
      double sxy = 0;
      for (int i = 0; i < n; i++) {
        sxx += (x[i] - mx) * (x[i] - mx);
        sxy += (x[i] - mx) * (y[i] - my);
      }
      if (sxx == 0) {
        throw new IllegalArgumentException(
            "the fitting runs all have one fan-out; fit from runs of at least two fan-outs, so the"
                + " per-workflow and the per-job parts can be told apart");
      }
      double slope = sxy / sxx;
      return new Line(my - slope * mx, slope);
    }

    /** Least squares through the origin: a cost with no per-workflow part. */
    static Line fitThroughOrigin(double[] x, double[] y) {
      double sxx = 0;
      double sxy = 0;
      for (int i = 0; i < x.length; i++) {
        sxx += x[i] * x[i];
        sxy += x[i] * y[i];
      }
      return new Line(0, sxy / sxx);
    }
  }

  final Line redisMasters;
  final Line redisReplicas;
  final Line rabbit;
  final Line messages;
  final Line engine;
  final Line handler;
  final Line redisRunning;
  final Line redisFinished;
  final double rabbitQueuedBytes;
  final double[] rabbitShare;

  private CapacityModel(List<CostRun> runs) {
    redisMasters = byJobs(runs, CostRun::redisMastersCpu);
    redisReplicas = byJobs(runs, CostRun::redisReplicasCpu);
    rabbit = byJobs(runs, CostRun::rabbitTotalCpu);
    messages = byJobs(runs, CostRun::messages);
    engine = byJobs(runs, CostRun::engineCpu);
    // A handler process sees jobs only, never a workflow: no per-workflow part to fit.
    handler =
        Line.fitThroughOrigin(
            runs.stream().mapToDouble(CostRun::jobs).toArray(),
            runs.stream().mapToDouble(CostRun::handlerCpu).toArray());
    redisFinished = byJobs(runs, CostRun::redisFinishedBytes);
    redisRunning =
        Line.fit(
            runs.stream().mapToDouble(CostRun::fanout).toArray(),
            runs.stream().mapToDouble(CostRun::redisRunningBytes).toArray());
    rabbitQueuedBytes =
        runs.stream().mapToDouble(CostRun::rabbitQueuedBytes).average().orElseThrow();
    int nodes = runs.get(0).rabbitCpu().length;
    rabbitShare = new double[nodes];
    for (CostRun r : runs) {
      for (int i = 0; i < nodes; i++) {
        rabbitShare[i] += r.rabbitCpu()[i] / r.rabbitTotalCpu() / runs.size();
      }
    }
  }

  /** Fits every line to {@code runs} (at least two fan-outs, one RabbitMQ node list). */
  static CapacityModel fit(List<CostRun> runs) {
    if (runs.size() < 2) {
      throw new IllegalArgumentException("fit needs at least two runs, not " + runs.size());
    }
    return new CapacityModel(runs);
  }

  private static Line byJobs(List<CostRun> runs, ToDoubleFunction<CostRun> y) {
    return Line.fit(
        runs.stream().mapToDouble(CostRun::jobs).toArray(), runs.stream().mapToDouble(y).toArray());
  }

  /** One quantity of one run: predicted and measured. */
  record Check(String quantity, String unit, double predicted, double measured) {
    /** (predicted − measured) ÷ measured, e.g. 0.12 for a prediction 12% too high. */
    double error() {
      return (predicted - measured) / measured;
    }
  }

  /** The model's figures for {@code run}'s fan-out and topology, beside what the run measured. */
  List<Check> checks(CostRun run) {
    int jobs = run.jobs();
    List<Check> out = new ArrayList<>();
    int replicas = run.redisNodes().size() - run.masters();
    for (int i = 0; i < run.redisNodes().size(); i++) {
      double share = run.redisShare()[i];
      double predicted =
          share > 0 ? redisMasters.at(jobs) * share : redisReplicas.at(jobs) / replicas;
      String role = share > 0 ? "master" : "replica";
      out.add(
          new Check(
              "redis " + role + " " + run.redisNodes().get(i),
              "µs/job",
              predicted / jobs,
              run.redisCpu()[i] / jobs));
    }
    out.add(
        new Check(
            "redis masters", "µs/job", redisMasters.at(jobs) / jobs, run.redisMastersCpu() / jobs));
    for (int i = 0; i < run.rabbitNodes().size() && i < rabbitShare.length; i++) {
      out.add(
          new Check(
              "rabbitmq " + run.rabbitNodes().get(i),
              "µs/job",
              rabbit.at(jobs) * rabbitShare[i] / jobs,
              run.rabbitCpu()[i] / jobs));
    }
    out.add(
        new Check("rabbitmq nodes", "µs/job", rabbit.at(jobs) / jobs, run.rabbitTotalCpu() / jobs));
    out.add(new Check("messages", "per job", messages.at(jobs) / jobs, run.messages() / jobs));
    out.add(new Check("engine process", "µs/job", engine.at(jobs) / jobs, run.engineCpu() / jobs));
    out.add(
        new Check("handler process", "µs/job", handler.at(jobs) / jobs, run.handlerCpu() / jobs));
    out.add(
        new Check(
            "redis running workflow", "B", redisRunning.at(run.fanout()), run.redisRunningBytes()));
    out.add(
        new Check(
            "redis finished workflow", "B", redisFinished.at(jobs), run.redisFinishedBytes()));
    out.add(new Check("rabbitmq queued job", "B", rabbitQueuedBytes, run.rabbitQueuedBytes()));
    return out;
  }
}
