package io.phaseflow.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code bench capacity}: fits {@link CapacityModel} to the recorded runs it is told to fit, checks
 * its predictions against every other recorded run, and prints what a target load takes.
 */
public final class CapacityReport {
  private CapacityReport() {}

  /**
   * @param records lines written by {@code bench costs --record}
   * @param fit whether a run (by label) is one to fit; the others are checked
   */
  public static void print(
      List<String> records, Predicate<String> fit, CapacityPlan.Target target, PrintWriter out) {
    List<CostRun> fitting = new ArrayList<>();
    List<CostRun> checked = new ArrayList<>();
    for (String line : records) {
      if (!line.isBlank()) {
        CostRun r = CostRun.parse(line);
        (fit.test(r.label()) ? fitting : checked).add(r);
      }
    }
    CapacityModel m = CapacityModel.fit(fitting);
    out.printf(
        "model fitted to %s (per workflow of J = 2F + 1 jobs; CPU in µs)%n",
        String.join(", ", fitting.stream().map(r -> r.label() + " F=" + r.fanout()).toList()));
    line(out, "redis masters CPU", m.redisMasters, "J");
    line(out, "redis replicas CPU", m.redisReplicas, "J");
    line(out, "rabbitmq CPU", m.rabbit, "J");
    line(out, "messages", m.messages, "J");
    line(out, "engine CPU", m.engine, "J");
    line(out, "handler CPU", m.handler, "J");
    line(out, "redis B running wf", m.redisRunning, "F");
    line(out, "redis B finished wf", m.redisFinished, "J");
    out.printf("  %-20s %,.0f B per queued job message (mean)%n", "rabbitmq", m.rabbitQueuedBytes);
    out.println();
    out.println("validation: runs not used to fit (error = (predicted - measured) / measured)");
    out.printf(
        "  %-16s %-36s %10s %10s %8s%n", "run", "quantity", "predicted", "measured", "error");
    for (CostRun r : checked) {
      for (CapacityModel.Check c : m.checks(r)) {
        out.printf(
            "  %-16s %-36s %10.1f %10.1f %+7.0f%%  %s%n",
            r.label(), c.quantity(), c.predicted(), c.measured(), 100 * c.error(), c.unit());
      }
    }
    out.println();
    plan(m, target, out);
    out.flush();
  }

  private static void line(PrintWriter out, String what, CapacityModel.Line l, String x) {
    out.printf("  %-20s %,10.1f + %,9.2f x %s%n", what, l.perWorkflow(), l.perUnit(), x);
  }

  private static void plan(CapacityModel m, CapacityPlan.Target t, PrintWriter out) {
    CapacityPlan.Result p = CapacityPlan.plan(m, t);
    out.printf(
        "plan: %,.0f jobs/s, %,.0f running workflows, fan-out %d (%d jobs, %,.0f workflows/s),"
            + " retention %.0f h%n",
        t.jobsPerSecond(),
        t.runningWorkflows(),
        t.fanout(),
        CostRun.jobs(t.fanout()),
        p.workflowsPerSecond(),
        t.retentionSeconds() / 3600);
    out.printf(
        "  redis CPU          %,.1f cores on masters (+ %,.1f on replicas) -> %,d masters at %.0f%%"
            + " of a core%n",
        p.redisCores(), p.replicaCores(), p.mastersForCpu(), 100 * t.masterBusy());
    out.printf(
        "  redis memory       %,.1f GB running + %,.1f GB finished (retention) = %,.1f GB -> %,d"
            + " masters at %,.0f GB each (x2 with one replica each)%n",
        p.runningBytes() / 1e9,
        p.finishedBytes() / 1e9,
        (p.runningBytes() + p.finishedBytes()) / 1e9,
        p.mastersForMemory(),
        t.masterBytes() / 1e9);
    out.printf(
        "  redis masters      %,d (the larger); a namespace has %d shard slots, so at least %,d"
            + " namespace(s)%n",
        p.masters(), t.shards(), p.namespacesForShards());
    out.printf(
        "  rabbitmq CPU       %,.1f cores for %,.0f msgs/s -> %,d nodes of %d cores at %.0f%%%n",
        p.brokerCores(),
        p.messagesPerSecond(),
        p.brokerNodes(),
        t.brokerCores(),
        100 * t.brokerBusy());
    out.printf(
        "  rabbitmq queues    job-finished carries every job: %,d namespace(s) at %,.0f msgs/s per"
            + " queue; the hottest handler (%.0f%% of jobs, %,.0f msgs/s) needs %,d queue(s)%n",
        p.namespacesForQueues(),
        t.queueMessages(),
        100 * t.hotHandler(),
        p.hotQueueMessages(),
        p.queuesForHotHandler());
    out.printf(
        "  rabbitmq memory    %,.1f GB for %,.0f queued jobs (F per running workflow)%n",
        p.queuedBytes() / 1e9, t.runningWorkflows() * t.fanout());
    out.printf("  namespaces         %,d (the most any limit above needs)%n", p.namespaces());
    out.printf(
        "  processes          %,d engines and %,d handler processes (no-op handlers) of %d cores at"
            + " %.0f%% by CPU; at least one of each per namespace: %,d and %,d%n",
        p.engineProcesses(),
        p.handlerProcesses(),
        t.processCores(),
        100 * t.processBusy(),
        p.engines(),
        p.handlers());
  }
}
