package io.phaseflow.bench;

import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.RabbitBus;
import java.io.PrintWriter;
import java.util.List;

/**
 * Workload W1 on real Redis and RabbitMQ: N workflows, each phase A fanning out 10 no-op jobs, then
 * phase B with 10, then a final phase with 1; handlers in a separate process. In the same run it
 * measures the raw broker rate, so the ratio jobs/s ÷ (raw msgs/s ÷ 2) compares like with like (a
 * job needs at least two messages: the job and its JobFinished). Everything runs under a fresh
 * namespace and is deleted afterwards.
 */
public final class ThroughputBenchmark {
  /** What to run. */
  public record Settings(
      int workflows,
      int handlerInstances,
      int engineConcurrency,
      int starters,
      int inFlight,
      int warmup,
      int rawMessages,
      boolean direct,
      int jobsPerMessage) {}

  private static final String RAW_QUEUE = "bench.raw";

  private final RedisConnector redis;
  private final AmqpSettings amqp;
  private final String redisUrl;
  private final String amqpUrl;

  /**
   * @param redisUrl and {@code amqpUrl}: passed to the handler process (never printed)
   */
  public ThroughputBenchmark(
      RedisConnector redis, AmqpSettings amqp, String redisUrl, String amqpUrl) {
    this.redis = redis;
    this.amqp = amqp;
    this.redisUrl = redisUrl;
    this.amqpUrl = amqpUrl;
  }

  public void run(Settings s, PrintWriter out) throws Exception {
    out.printf(
        "phaseflow bench throughput: W1 x %,d workflows (10 + 10 + 1 no-op jobs each),"
            + " jobs_per_message %d%n",
        s.workflows(), s.jobsPerMessage());
    W1Cluster.Options options =
        new W1Cluster.Options(
            s.handlerInstances(),
            s.engineConcurrency(),
            s.inFlight(),
            s.direct(),
            s.jobsPerMessage());
    try (W1Cluster w1 =
        W1Cluster.start(redis, amqp, redisUrl, amqpUrl, options, List.of(RAW_QUEUE))) {
      out.println(w1.describe(s.direct()));
      out.flush();
      RabbitBus rabbit = w1.rabbit;
      String raw = w1.bus.name(RAW_QUEUE);
      // Warm-up, not counted: both JVMs compile their hot paths and the broker's queues exist,
      // so what is measured is the steady state, for W1 and for the raw rate alike.
      if (s.warmup() > 0) {
        w1.runClosed(s.warmup(), s.starters());
        RawBrokerRate.measure(rabbit, raw, s.rawMessages() / 4);
        Thread.sleep(3000); // background JIT compilation goes on for a while: let it finish
        out.printf(
            "warm-up             %,d workflows and %,d raw messages, not counted%n",
            s.warmup(), s.rawMessages() / 4);
      }
      // The broker's rate varies from run to run: measure it before and after W1, use the mean.
      long[] c0 = ProcessCpu.sample(w1.handlersPid());
      double rawBefore = RawBrokerRate.measure(rabbit, raw, s.rawMessages());
      long[] c1 = ProcessCpu.sample(w1.handlersPid());
      W1Cluster.Closed r = w1.runClosed(s.workflows(), s.starters());
      long[] c2 = ProcessCpu.sample(w1.handlersPid());
      double rawAfter = RawBrokerRate.measure(rabbit, raw, s.rawMessages());
      double rawRate = (rawBefore + rawAfter) / 2;
      long[] latencies =
          w1.transitions(r.ids()).stream()
              .filter(Transition::wasPublished)
              .mapToLong(Transition::total)
              .toArray();
      long jobs = 21L * s.workflows();
      double jobsPerSecond = jobs / r.seconds();
      Percentiles p = new Percentiles(latencies);
      out.printf(
          "raw broker rate     %,.0f msgs/s (before W1 %,.0f, after %,.0f; %,d durable messages"
              + " each: persistent, confirmed, acked; 1 producer, 1 consumer)%n",
          rawRate, rawBefore, rawAfter, s.rawMessages());
      out.printf(
          "completed           %,d workflows, %,d jobs in %.2f s (%d failed; at most %d in"
              + " flight)%n",
          s.workflows(), jobs, r.seconds(), r.failed(), s.inFlight());
      out.printf("jobs/s              %,.0f%n", jobsPerSecond);
      out.printf("workflows/s         %,.1f%n", s.workflows() / r.seconds());
      out.printf(
          "phase transition    p50 %d ms, p90 %d ms, p99 %d ms, max %d ms (%,d transitions: last"
              + " job of a phase done -> next phase's jobs published; closed loop, see bench"
              + " latency)%n",
          p.at(50), p.at(90), p.at(99), p.at(100), p.size());
      out.printf(
          "cpu per job         %s (W1); raw run: %s per message%n",
          ProcessCpu.perUnit(c1, c2, jobs), ProcessCpu.perUnit(c0, c1, s.rawMessages()));
      out.printf(
          "ratio               %.2f  = jobs/s / (raw msgs/s / 2): 1.0 is two raw messages' worth"
              + " per job (%.2f against the faster raw run alone)%n",
          jobsPerSecond / (rawRate / 2), jobsPerSecond / (Math.max(rawBefore, rawAfter) / 2));
      out.flush();
    }
  }
}
