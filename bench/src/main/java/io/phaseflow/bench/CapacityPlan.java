package io.phaseflow.bench;

/**
 * What a target load takes, from a fitted {@link CapacityModel}: Redis masters (CPU-bound and
 * memory-bound), memory, RabbitMQ nodes and namespaces (one queue per handler and one JobFinished
 * queue per namespace, each served by one Erlang process), engine and handler processes. Pure
 * arithmetic; every assumption is a field of {@link Target}.
 */
public final class CapacityPlan {
  /**
   * @param jobsPerSecond jobs finished per second, all workflows together
   * @param runningWorkflows workflows running at once, each standing in a phase with F jobs queued
   * @param fanout F of the W1-like workload (2F + 1 jobs per workflow)
   * @param retentionSeconds how long a finished workflow stays in Redis (default 7 days)
   * @param masterBusy the share of one core a Redis master may use (it runs commands on one thread;
   *     the rest is headroom for peaks, failover and the fork of a replica sync)
   * @param masterBytes data bytes one master may hold (its maxmemory, below the machine's RAM)
   * @param shards shard slots per namespace (64): a namespace spreads over at most this many
   *     masters
   * @param brokerCores cores of a RabbitMQ node; {@code brokerBusy} the share it may use
   * @param queueMessages messages per second one queue carries at most (one Erlang process)
   * @param hotHandler the share of all jobs that go to the busiest handler's queue
   * @param processCores cores of an engine or handler process; {@code processBusy} the share used
   */
  public record Target(
      double jobsPerSecond,
      double runningWorkflows,
      int fanout,
      double retentionSeconds,
      double masterBusy,
      double masterBytes,
      int shards,
      int brokerCores,
      double brokerBusy,
      double queueMessages,
      double hotHandler,
      int processCores,
      double processBusy) {}

  /** The plan's figures. */
  record Result(
      double workflowsPerSecond,
      double redisCores,
      double replicaCores,
      int mastersForCpu,
      double runningBytes,
      double finishedBytes,
      int mastersForMemory,
      int masters,
      int namespacesForShards,
      double brokerCores,
      int brokerNodes,
      double messagesPerSecond,
      int namespacesForQueues,
      double hotQueueMessages,
      int queuesForHotHandler,
      double queuedBytes,
      int engineProcesses,
      int handlerProcesses) {
    /** Namespaces needed: each has 64 shard slots and one queue per handler and per kind. */
    int namespaces() {
      return Math.max(namespacesForShards, Math.max(namespacesForQueues, queuesForHotHandler));
    }

    /** Engines: by CPU, and at least one per namespace (a process serves one namespace). */
    int engines() {
      return Math.max(engineProcesses, namespaces());
    }

    /** Handler processes: likewise. */
    int handlers() {
      return Math.max(handlerProcesses, namespaces());
    }
  }

  private CapacityPlan() {}

  static Result plan(CapacityModel m, Target t) {
    int jobs = CostRun.jobs(t.fanout());
    double wps = t.jobsPerSecond() / jobs;
    double redisCores = wps * m.redisMasters.at(jobs) / 1e6;
    double replicaCores = wps * m.redisReplicas.at(jobs) / 1e6;
    int forCpu = up(redisCores / t.masterBusy());
    double running = t.runningWorkflows() * m.redisRunning.at(t.fanout());
    double finished = wps * t.retentionSeconds() * m.redisFinished.at(jobs);
    int forMemory = up((running + finished) / t.masterBytes());
    int masters = Math.max(forCpu, forMemory);
    // One shard slot takes 1/shards of a namespace's load and cannot be split over masters.
    int forShards = up(masters / (double) t.shards());
    double brokerCores = wps * m.rabbit.at(jobs) / 1e6;
    int brokerNodes = up(brokerCores / (t.brokerCores() * t.brokerBusy()));
    double messages = wps * m.messages.at(jobs);
    // Every job's JobFinished goes to the namespace's one job-finished queue.
    int forQueues = up(t.jobsPerSecond() / t.queueMessages());
    double hot = t.jobsPerSecond() * t.hotHandler();
    int hotQueues = up(hot / t.queueMessages());
    double queued = t.runningWorkflows() * t.fanout() * m.rabbitQueuedBytes;
    double processCapacity = t.processCores() * t.processBusy() * 1e6;
    int engines = up(wps * m.engine.at(jobs) / processCapacity);
    int handlers = up(wps * m.handler.at(jobs) / processCapacity);
    return new Result(
        wps,
        redisCores,
        replicaCores,
        forCpu,
        running,
        finished,
        forMemory,
        masters,
        forShards,
        brokerCores,
        brokerNodes,
        messages,
        forQueues,
        hot,
        hotQueues,
        queued,
        engines,
        handlers);
  }

  private static int up(double x) {
    return (int) Math.ceil(x - 1e-9);
  }
}
