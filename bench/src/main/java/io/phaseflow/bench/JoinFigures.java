package io.phaseflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one run of joins measured (one wide join, or many 10-job joins), and the figures derived
 * from it. Pure: the arithmetic and the table {@code phaseflow bench join} prints.
 *
 * @param workflows how many workflows ran
 * @param jobsPerWorkflow the jobs of each one's fan entry
 * @param nanos from the first start to the last workflow's end
 * @param redisBefore Redis {@code used_memory} just before the first start
 * @param redisPeak the largest {@code used_memory} read during the run
 * @param redisAfter {@code used_memory} once every workflow ended
 * @param redisReads how many times {@code used_memory} was read during the run
 * @param keptKeyBytes {@code MEMORY USAGE} of the namespace's keys once every workflow ended, less
 *     the same before the start
 * @param heapBefore used heap after a GC just before the start
 * @param heapPeak the largest used heap read during the run
 * @param heapAfterGcPeak the most heap in use right after a collection during the run (0: none ran)
 * @param heapReads how many times the used heap was read
 * @param succeededOnce jobs that succeeded exactly once, read back through the engine
 * @param problems what was not exact (empty when all was)
 */
public record JoinFigures(
    int workflows,
    int jobsPerWorkflow,
    long nanos,
    long redisBefore,
    long redisPeak,
    long redisAfter,
    int redisReads,
    long keptKeyBytes,
    long heapBefore,
    long heapPeak,
    long heapAfterGcPeak,
    int heapReads,
    long succeededOnce,
    List<String> problems) {

  static final double MIB = 1024.0 * 1024.0;

  public JoinFigures {
    problems = List.copyOf(problems);
  }

  public long jobs() {
    return (long) workflows * jobsPerWorkflow;
  }

  public double seconds() {
    return nanos / 1e9;
  }

  public double jobsPerSecond() {
    return nanos <= 0 ? 0 : jobs() / seconds();
  }

  /** (peak − before) ÷ jobs: what the run added to Redis at its largest, per job. */
  public double peakBytesPerJob() {
    return perJob(Math.max(0, redisPeak - redisBefore));
  }

  /** (after − before) ÷ jobs: the ended workflows' history that Redis keeps, per job. */
  public double keptBytesPerJob() {
    return perJob(redisAfter - redisBefore);
  }

  public double keptKeyBytesPerJob() {
    return perJob(keptKeyBytes);
  }

  public boolean exact() {
    return problems.isEmpty() && succeededOnce == jobs();
  }

  private double perJob(long bytes) {
    return jobs() == 0 ? 0 : bytes / (double) jobs();
  }

  /** The run's name as the table's column head, e.g. {@code 1 x 100,000-job join}. */
  public String label() {
    return String.format(
        Locale.ROOT, "%,d x %,d-job join%s", workflows, jobsPerWorkflow, workflows == 1 ? "" : "s");
  }

  /** The table comparing a wide join with the many small ones, then what each row means. */
  static List<String> table(JoinFigures wide, JoinFigures small, int inFlight, long heapMax) {
    List<String> out = new ArrayList<>();
    row(out, "", wide.label(), small.label());
    row(out, "jobs", count(wide.jobs()), count(small.jobs()));
    row(out, "wall time", f("%.2f s", wide.seconds()), f("%.2f s", small.seconds()));
    row(out, "jobs/s", f("%,.0f", wide.jobsPerSecond()), f("%,.0f", small.jobsPerSecond()));
    row(out, "Redis peak per job", bytes(wide.peakBytesPerJob()), bytes(small.peakBytesPerJob()));
    row(out, "Redis kept per job", bytes(wide.keptBytesPerJob()), bytes(small.keptBytesPerJob()));
    row(out, "  by its keys", bytes(wide.keptKeyBytesPerJob()), bytes(small.keptKeyBytesPerJob()));
    row(out, "engine heap peak", mib(wide.heapPeak()), mib(small.heapPeak()));
    row(out, "  before the start", mib(wide.heapBefore()), mib(small.heapBefore()));
    row(out, "  after a collection", mib(wide.heapAfterGcPeak()), mib(small.heapAfterGcPeak()));
    row(out, "exact", exactness(wide), exactness(small));
    out.add(
        f(
            "ratio                   %.2f = wide join's jobs/s / 10-job joins' jobs/s (same jobs, same"
                + " handler; the 10-job joins at most %,d workflows in flight)",
            small.jobsPerSecond() == 0 ? 0 : wide.jobsPerSecond() / small.jobsPerSecond(),
            inFlight));
    out.add("");
    out.add("jobs/s: jobs / wall time from the first start to the last workflow's end.");
    out.add(
        f(
            "Redis peak per job: (largest used_memory during the run - used_memory before it) /"
                + " jobs; used_memory read every %d ms (%,d and %,d reads). Server-wide: other"
                + " clients' writes meanwhile count too.",
            SAMPLE_MILLIS, wide.redisReads(), small.redisReads()));
    out.add(
        "Redis kept per job: (used_memory once every workflow ended - before) / jobs, the ended"
            + " workflows' history kept for the retention period; by its keys: MEMORY USAGE of the"
            + " namespace's keys, after - before (other clients do not count).");
    out.add(
        f(
            "engine heap peak: the most heap in use in this JVM during the run, read every %d ms:"
                + " the engine with its Redis and RabbitMQ clients and the bench's starters (the"
                + " handlers run in another process), garbage not yet collected included; before"
                + " the start: after a GC; after a collection: the most heap in use right after"
                + " one, what the run kept alive. Max heap %s.",
            SAMPLE_MILLIS, mib(heapMax)));
    out.add(
        "exact: jobs that succeeded at attempt 1, never retried, each once, read back through the"
            + " engine's read API; every workflow succeeded and entered its final phase once.");
    out.add(
        "W1 for comparison: run `phaseflow bench throughput` (the bar: a wide join at W1's job rate"
            + " or better).");
    return out;
  }

  /** How often the samplers read used_memory and the heap. */
  static final int SAMPLE_MILLIS = 25;

  private static String exactness(JoinFigures r) {
    return f("%,d of %,d%s", r.succeededOnce(), r.jobs(), r.exact() ? "" : " NOT EXACT");
  }

  private static void row(List<String> out, String name, String wide, String small) {
    out.add(f("%-24s%-26s%s", name, wide, small).stripTrailing());
  }

  private static String count(long n) {
    return f("%,d", n);
  }

  private static String bytes(double b) {
    return f("%,.1f B", b);
  }

  private static String mib(long b) {
    return f("%,.1f MiB", b / MIB);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
