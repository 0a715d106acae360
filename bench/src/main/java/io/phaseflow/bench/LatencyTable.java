package io.phaseflow.bench;

import java.util.List;

/** A table of latency percentiles in milliseconds: one row per measured span. Pure. */
final class LatencyTable {
  /** A span measured, its sample in milliseconds. */
  record Row(String label, long[] millis) {
    Percentiles percentiles() {
      return new Percentiles(millis);
    }
  }

  private LatencyTable() {}

  /** A header and one line per row: p50, p90, p99, max and the sample's size. */
  static String format(List<Row> rows) {
    int width = "latency (ms)".length();
    for (Row r : rows) {
      width = Math.max(width, r.label().length());
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%-" + width + "s %6s %6s %6s %6s %8s%n",
            "latency (ms)",
            "p50",
            "p90",
            "p99",
            "max",
            "count"));
    for (Row r : rows) {
      Percentiles p = r.percentiles();
      out.append(
          String.format(
              "%-" + width + "s %6d %6d %6d %6d %,8d%n",
              r.label(),
              p.at(50),
              p.at(90),
              p.at(99),
              p.at(100),
              p.size()));
    }
    return out.toString();
  }
}
