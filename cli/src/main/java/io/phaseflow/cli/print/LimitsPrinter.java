package io.phaseflow.cli.print;

import io.phaseflow.engine.state.HandlerLimits;
import java.util.List;

/** What {@code limits show} prints: one line per limited handler version. Pure. */
public final class LimitsPrinter {
  private LimitsPrinter() {}

  public static String table(List<HandlerLimits.Usage> usage) {
    if (usage.isEmpty()) {
      return "no handler limits; set one: phaseflow limits set HANDLER --max-concurrent N\n";
    }
    StringBuilder out = new StringBuilder();
    String row = "%-24s %5s %14s %9s %7s %9s%n";
    out.append(
        String.format(
            row, "HANDLER", "MAJOR", "MAX CONCURRENT", "MAX PER S", "LEASES", "DEFERRED"));
    for (HandlerLimits.Usage u : usage) {
      out.append(
          String.format(
              row,
              u.limit().handler(),
              "v" + u.limit().version(),
              u.limit().maxConcurrent() == 0 ? "-" : u.limit().maxConcurrent(),
              u.limit().maxPerSecond() == 0 ? "-" : u.limit().maxPerSecond(),
              u.leases(),
              u.deferred()));
    }
    return out.toString();
  }
}
