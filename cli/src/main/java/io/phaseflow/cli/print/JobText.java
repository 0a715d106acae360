package io.phaseflow.cli.print;

import io.phaseflow.engine.state.JobCounts;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** How job counts read on the command line, per handler. Pure. */
final class JobText {
  private JobText() {}

  /** Jobs that have ended, whichever way. */
  static int ended(JobCounts c) {
    return c.succeeded() + c.failed() + c.skipped();
  }

  /**
   * One handler's jobs: {@code LocalSearcher 3/3 ok} when all succeeded, else each outcome, e.g.
   * {@code PaymentValidator 2 ok, 1 failed}.
   */
  static String handler(String name, JobCounts c) {
    if (c.total() > 0 && c.succeeded() == c.total()) {
      return name + " " + c.succeeded() + "/" + c.total() + " ok";
    }
    return name + " " + outcomes(c);
  }

  /** Every handler's jobs, by handler name, separated by {@code ;}; {@code no jobs} for none. */
  static String handlers(Map<String, JobCounts> byHandler) {
    if (byHandler.isEmpty()) {
      return "no jobs";
    }
    return new TreeMap<>(byHandler)
        .entrySet().stream()
            .map(e -> handler(e.getKey(), e.getValue()))
            .collect(Collectors.joining("; "));
  }

  /** {@code 2 ok, 1 failed, 1 skipped, 3 open}, leaving out the outcomes no job had but ok. */
  static String outcomes(JobCounts c) {
    StringBuilder s = new StringBuilder().append(c.succeeded()).append(" ok");
    if (c.failed() > 0) {
      s.append(", ").append(c.failed()).append(" failed");
    }
    if (c.skipped() > 0) {
      s.append(", ").append(c.skipped()).append(" skipped");
    }
    if (c.open() > 0) {
      s.append(", ").append(c.open()).append(" open");
    }
    return s.toString();
  }
}
