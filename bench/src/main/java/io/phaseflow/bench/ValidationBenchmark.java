package io.phaseflow.bench;

import io.phaseflow.engine.definition.Definition;
import io.phaseflow.engine.definition.DefinitionLoader;
import io.phaseflow.engine.plan.CompiledDefinition;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * How long validation takes as a definition grows: for each size, a generated chain of that many
 * phases (each with an error edge and a handler that fans out over the previous phase's outputs) is
 * parsed, validated and compiled, as {@code phaseflow validate} does. Prints milliseconds per size
 * and per 1,000 phases, so a super-linear step shows as a growing second figure.
 */
public final class ValidationBenchmark {

  // The thread's own CPU time: on a busy machine, wall time mostly measures the other processes.
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private ValidationBenchmark() {}

  /** One size's figures. */
  public record Result(int phases, int bytes, long loadMillis, long compileMillis, long cpuMillis) {
    long totalMillis() {
      return loadMillis + compileMillis;
    }
  }

  /** A valid definition: phases p0 → p1 → ... → p{n-1} → done, every phase failing to error. */
  public static String chain(int phases) {
    StringBuilder json = new StringBuilder("{\"workflow\": \"chain\", \"phases\": {\n");
    for (int i = 0; i < phases; i++) {
      String handler =
          i == 0 ? "\"Work\"" : "{\"name\": \"Work\", \"for_each\": \"/inputs/Work/*\"}";
      json.append(
              String.format(
                  "\"p%d\": {%s\"transitions_to\": \"%s\",",
                  i,
                  i == 0 ? "\"is_initial\": true, " : "",
                  i + 1 < phases ? "p" + (i + 1) : "done"))
          .append(" \"on_error_transition_to\": \"error\", \"handlers\": [")
          .append(handler)
          .append("]},\n");
    }
    return json.append("\"done\": {\"is_final\": true},\n\"error\": {\"is_final\": true}}}\n")
        .toString();
  }

  /**
   * Measures each size {@code runs} times and prints the run that took the least CPU time (the
   * least disturbed by the JIT and the collector), after one unmeasured run of the first size.
   */
  public static List<Result> run(List<Integer> sizes, int runs, PrintWriter out) {
    measure(sizes.get(0));
    out.printf(
        "%10s %10s %10s %12s %10s %8s %16s%n",
        "phases", "bytes", "load ms", "compile ms", "total ms", "cpu ms", "cpu ms/1k phases");
    List<Result> results = new ArrayList<>();
    for (int n : sizes) {
      Result best = null;
      for (int i = 0; i < runs; i++) {
        Result r = measure(n);
        best = best == null || r.cpuMillis() < best.cpuMillis() ? r : best;
      }
      out.printf(
          "%,10d %,10d %,10d %,12d %,10d %,8d %16.1f%n",
          best.phases(),
          best.bytes(),
          best.loadMillis(),
          best.compileMillis(),
          best.totalMillis(),
          best.cpuMillis(),
          best.cpuMillis() * 1000.0 / n);
      out.flush();
      results.add(best);
    }
    return results;
  }

  private static Result measure(int phases) {
    String json = chain(phases);
    long cpuStart = CPU.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    Definition definition = new DefinitionLoader().parse(json, "chain-" + phases);
    long loaded = System.nanoTime();
    CompiledDefinition.compile(definition);
    long compiled = System.nanoTime();
    long cpu = CPU.getCurrentThreadCpuTime() - cpuStart;
    return new Result(
        phases,
        json.length(),
        (loaded - start) / 1_000_000,
        (compiled - loaded) / 1_000_000,
        cpu / 1_000_000);
  }
}
