package io.phaseflow.bench;

import java.io.PrintWriter;
import java.util.List;

/** Prints what {@link CostBenchmark} measures, per node and process, per workflow and per job. */
public final class CostPrinter {
  private final PrintWriter out;

  public CostPrinter(PrintWriter out) {
    this.out = out;
  }

  void header(CostBenchmark.Settings s, String redis, String amqp, String namespace) {
    out.printf(
        "phaseflow bench costs %s: %,d workflows of W1 with fan-out %d (%d + %d + 1 = %d no-op jobs"
            + " each), at most %,d in flight; warm-up %,d; %,d left pending%n",
        s.label(),
        s.workflows(),
        s.fanout(),
        s.fanout(),
        s.fanout(),
        CostRun.jobs(s.fanout()),
        s.inFlight(),
        s.warmup(),
        s.pending());
    out.printf(
        "Redis %s, RabbitMQ %s (nodes %s), namespace %s%n",
        redis, amqp, String.join(", ", s.rabbitNodes()), namespace);
    out.flush();
  }

  void measured(CostBenchmark.Settings s, double seconds, int failed) {
    long jobs = (long) s.workflows() * CostRun.jobs(s.fanout());
    out.printf(
        "completed           %,d workflows, %,d jobs in %.2f s, %,.0f jobs/s (%d failed; wall"
            + " clock on a shared machine: not a fitted figure)%n",
        s.workflows(), jobs, seconds, jobs / seconds, failed);
    out.flush();
  }

  void raw(double rate, long[] before, long[] after, List<String> nodes, int messages) {
    List<String> perNode = new java.util.ArrayList<>();
    long total = 0;
    for (int i = 0; i < nodes.size(); i++) {
      perNode.add(
          String.format("%s %.1f", nodes.get(i), (after[i] - before[i]) / (double) messages));
      total += after[i] - before[i];
    }
    out.printf(
        "one queue alone     %,.0f msgs/s (%,d persistent, confirmed, acked; 1 producer, 1"
            + " consumer; wall clock, a lower bound here); broker CPU %.1f µs per message (%s)%n",
        rate, messages, total / (double) messages, String.join(", ", perNode));
    out.flush();
  }

  void costs(CostRun r, List<RedisNodes.Node> nodes) {
    int jobs = r.jobs();
    out.printf("CPU per job (per workflow = x %d)%n", jobs);
    for (int i = 0; i < nodes.size(); i++) {
      RedisNodes.Node n = nodes.get(i);
      out.printf(
          "  redis %-21s %7.1f µs  (%s, %4.1f%% of the 64 shards)%n",
          n.address(),
          r.redisCpu()[i] / jobs,
          n.master() ? "master" : "replica",
          100 * r.redisShare()[i]);
    }
    out.printf(
        "  redis masters          %7.1f µs  (replicas %.1f µs)%n",
        r.redisMastersCpu() / jobs, r.redisReplicasCpu() / jobs);
    for (int i = 0; i < r.rabbitNodes().size(); i++) {
      out.printf("  rabbitmq %-18s %7.1f µs%n", r.rabbitNodes().get(i), r.rabbitCpu()[i] / jobs);
    }
    out.printf(
        "  rabbitmq nodes         %7.1f µs  (%.2f messages per job: %.1f µs per message)%n",
        r.rabbitTotalCpu() / jobs, r.messages() / jobs, r.rabbitTotalCpu() / r.messages());
    out.printf("  engine process         %7.1f µs%n", r.engineCpu() / jobs);
    out.printf("  handler process        %7.1f µs%n", r.handlerCpu() / jobs);
    out.printf(
        "memory               Redis %,.0f B per running workflow (phase a, %d jobs queued: %,.0f B"
            + " per pending job), %,.0f B per finished workflow (kept for the retention);"
            + " RabbitMQ %,.0f B per queued job message%n",
        r.redisRunningBytes(),
        r.fanout(),
        r.redisRunningBytes() / r.fanout(),
        r.redisFinishedBytes(),
        r.rabbitQueuedBytes());
    out.printf("record               %s%n", r.toLine());
    out.flush();
  }
}
