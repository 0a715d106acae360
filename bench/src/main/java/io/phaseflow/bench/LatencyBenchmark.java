package io.phaseflow.bench;

import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.transport.AmqpSettings;
import java.io.PrintWriter;
import java.util.List;

/**
 * Phase-transition latency of W1 measured open-loop: a short closed-loop run finds the maximum rate
 * (unless one is given), then workflows start at half of it on a fixed schedule, and each
 * transition's latency, from the last job of a phase finishing to the next phase's jobs being
 * published, is read back per workflow ({@link W1Cluster#transitions}).
 */
public final class LatencyBenchmark {
  /** The bound on p99, in milliseconds. */
  static final long P99_BOUND_MS = 10;

  /**
   * What to run.
   *
   * @param rate workflows/s to start; 0 to measure the maximum and take half
   * @param warmupWorkflows closed-loop workflows run first, not counted: both JVMs compiled
   * @param probeWorkflows workflows of the closed-loop run that measures the maximum
   */
  public record Settings(
      double rate,
      int warmupWorkflows,
      int seconds,
      int warmupSeconds,
      int probeWorkflows,
      int handlerInstances,
      int engineConcurrency,
      int starters,
      int inFlight,
      boolean direct) {}

  /** What it measured, for tests. */
  public record Report(
      double rate, int workflows, long behind, long p50, long p90, long p99, long max) {}

  private final RedisConnector redis;
  private final AmqpSettings amqp;
  private final String redisUrl;
  private final String amqpUrl;

  /**
   * @param redisUrl and {@code amqpUrl}: passed to the handler process (never printed)
   */
  public LatencyBenchmark(
      RedisConnector redis, AmqpSettings amqp, String redisUrl, String amqpUrl) {
    this.redis = redis;
    this.amqp = amqp;
    this.redisUrl = redisUrl;
    this.amqpUrl = amqpUrl;
  }

  public Report run(Settings s, PrintWriter out) throws Exception {
    out.printf(
        "phaseflow bench latency: W1 open-loop (10 + 10 + 1 no-op jobs each) for %d s%n",
        s.seconds());
    W1Cluster.Options options =
        new W1Cluster.Options(
            s.handlerInstances(), s.engineConcurrency(), s.inFlight(), s.direct(), 1);
    try (W1Cluster w1 = W1Cluster.start(redis, amqp, redisUrl, amqpUrl, options, List.of())) {
      out.println(w1.describe(s.direct()));
      out.flush();
      if (s.warmupWorkflows() > 0) {
        w1.runClosed(s.warmupWorkflows(), s.starters());
        out.printf(
            "warm-up             %,d workflows closed loop, not counted%n", s.warmupWorkflows());
      }
      double rate = s.rate();
      if (rate <= 0) {
        W1Cluster.Closed probe = w1.runClosed(s.probeWorkflows(), s.starters());
        double max = probe.ids().size() / probe.seconds();
        rate = max / 2;
        out.printf(
            "maximum rate        %,.1f workflows/s (closed loop: %,d workflows, at most %d in"
                + " flight); open loop at half: %,.1f workflows/s%n",
            max, probe.ids().size(), s.inFlight(), rate);
      } else {
        out.printf("rate                %,.1f workflows/s (--rate)%n", rate);
      }
      out.flush();
      if (s.warmupSeconds() > 0) {
        OpenLoop.Run warm = OpenLoop.run(w1::startOne, rate, s.warmupSeconds(), s.starters());
        out.printf(
            "warm-up             %d s open loop, %,d workflows, not counted%n",
            s.warmupSeconds(), warm.ids().size());
      }
      long failedBefore = w1.finishes.failed();
      // straight on from the warm-up: its last workflows end during the run, as in a steady state
      OpenLoop.Run run = OpenLoop.run(w1::startOne, rate, s.seconds(), s.starters());
      w1.awaitAllFinished(5);
      long failed = w1.finishes.failed() - failedBefore;
      List<Transition> all = w1.transitions(run.ids());
      List<Transition> published = all.stream().filter(Transition::wasPublished).toList();
      List<LatencyTable.Row> rows =
          List.of(
              row("last job done -> next jobs published", published, Transition::total),
              row("  1: last job done -> move stored", published, Transition::toStored),
              row("  2: move stored -> jobs published", published, Transition::toPublished));
      out.printf(
          "started             %,d workflows in %.2f s = %,.1f workflows/s (scheduled %,.1f);"
              + " %,d began more than %d ms late (latest %.1f ms)%n",
          run.ids().size(),
          run.seconds(),
          run.rate(),
          rate,
          run.behind(),
          OpenLoopSchedule.TOLERANCE_NANOS / 1_000_000,
          maxOf(run.lateMicros()) / 1000.0);
      out.printf(
          "transitions         %,d (a -> b and b -> c of each workflow; %,d without a publish"
              + " seen; %d workflows failed)%n",
          all.size(), all.size() - published.size(), failed);
      out.print(LatencyTable.format(rows));
      Percentiles p = rows.get(0).percentiles();
      out.printf(
          "load average        %s (1, 5, 15 min; above the core count, runnable threads wait)%n",
          loadAverage());
      out.printf(
          "p99 bound           %d ms: %s%n",
          P99_BOUND_MS, p.at(99) <= P99_BOUND_MS ? "met" : "NOT met");
      out.flush();
      return new Report(
          run.rate(), run.ids().size(), run.behind(), p.at(50), p.at(90), p.at(99), p.at(100));
    }
  }

  private static LatencyTable.Row row(
      String label, List<Transition> ts, java.util.function.ToLongFunction<Transition> f) {
    return new LatencyTable.Row(label, ts.stream().mapToLong(f).toArray());
  }

  /** The machine's 1, 5 and 15 minute load, as /proc/loadavg says; "unknown" elsewhere. */
  private static String loadAverage() {
    try {
      String[] f =
          java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static long maxOf(long[] values) {
    long max = 0;
    for (long v : values) {
      max = Math.max(max, v);
    }
    return max;
  }
}
