package io.phaseflow.cli.print;

import io.phaseflow.engine.inspect.WorkflowView;
import io.phaseflow.engine.inspect.WorkflowView.PhaseProgress;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.HandlerLimit;
import io.phaseflow.engine.state.HandlerLimits;
import io.phaseflow.engine.state.JobCounts;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.handlers.protocol.Priority;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code phaseflow status}: where one workflow stands, its current entry's progress per handler as
 * bars, and every phase visited so far. Pure: renders a {@link WorkflowView} at a given time.
 */
public final class StatusPrinter {
  private static final String NL = System.lineSeparator();

  private StatusPrinter() {}

  /**
   * @param now epoch ms, for how long the workflow has been in its phase
   */
  public static String render(WorkflowView view, long now) {
    return render(view, now, Map.of());
  }

  /**
   * @param now epoch ms, for how long the workflow has been in its phase
   * @param limited the limits on the current entry's handlers with their usage now, by handler
   *     name: their lines say so; a handler not in it prints as without limits
   */
  public static String render(
      WorkflowView view, long now, Map<String, HandlerLimits.Usage> limited) {
    WorkflowRecord wf = view.workflow();
    EntryRecord e = view.current();
    StringBuilder s = new StringBuilder();
    row(s, "workflow", wf.id());
    row(s, "definition", wf.definition() + " v" + wf.version());
    row(s, "status", status(wf));
    if (wf.priority() != Priority.NORMAL) { // normal is the default: said only when not
      row(s, "priority", wf.priority().wire());
    }
    row(s, "phase", phase(view, now));
    row(
        s,
        "started",
        TimeFormat.dateTime(wf.createdAt())
            + " UTC, "
            + TimeFormat.duration(now - wf.createdAt())
            + " ago");
    view.history().stream()
        .filter(t -> t.error() != null)
        .forEach(t -> row(s, "failure", "in " + t.from() + ": " + t.error()));
    if (e != null) {
      s.append(NL).append("jobs in ").append(e.phase()).append(':').append(NL);
      s.append(handlers(e.byHandler(), limited));
      if (e.error() != null) {
        s.append("  error: ").append(e.error()).append(NL);
      }
    }
    Map<String, PhaseProgress> phases = view.phases(now);
    if (!phases.isEmpty()) {
      s.append(NL).append("phases:").append(NL).append(phases(phases.values()));
    }
    return s.toString();
  }

  /**
   * One line per handler: {@code LocalSearcher [##########----------] 3/6 1 failed}, where the bar
   * and the count are the jobs that have ended, whichever way, out of all.
   */
  static String handlers(Map<String, JobCounts> byHandler) {
    return handlers(byHandler, Map.of());
  }

  /** {@link #handlers(Map)}, a limited handler's line ending with its {@link #limit}. */
  static String handlers(
      Map<String, JobCounts> byHandler, Map<String, HandlerLimits.Usage> limited) {
    if (byHandler.isEmpty()) {
      return "  no jobs" + NL;
    }
    Map<String, JobCounts> sorted = new TreeMap<>(byHandler);
    int nameWidth = sorted.keySet().stream().mapToInt(String::length).max().orElse(0);
    int countWidth = sorted.values().stream().mapToInt(c -> fraction(c).length()).max().orElse(0);
    StringBuilder s = new StringBuilder();
    sorted.forEach(
        (name, c) -> {
          String line =
              String.format(
                  "  %-" + nameWidth + "s  %s  %" + countWidth + "s  %s",
                  name,
                  ProgressBar.of(JobText.ended(c), c.total()),
                  fraction(c),
                  withLimit(notes(c), limited.get(name)));
          s.append(line.stripTrailing()).append(NL);
        });
    return s.toString();
  }

  /** One line per visited phase: its state, visits, time spent and its last entry's jobs. */
  static String phases(Collection<PhaseProgress> phases) {
    int nameWidth = phases.stream().mapToInt(p -> p.phase().length()).max().orElse(0);
    StringBuilder s = new StringBuilder();
    for (PhaseProgress p : phases) {
      String state = p.state().name().toLowerCase(Locale.ROOT);
      String visits = p.visits() > 1 ? "×" + p.visits() : "";
      s.append(
              String.format(
                      "  %-" + nameWidth + "s  %-9s %3s %10s  %s",
                      p.phase(),
                      state,
                      visits,
                      TimeFormat.duration(p.millis()),
                      p.state() == WorkflowView.PhaseState.ACTIVE && p.jobs().total() == 0
                          ? ""
                          : JobText.handlers(p.byHandler()))
                  .stripTrailing())
          .append(NL);
    }
    return s.toString();
  }

  private static String status(WorkflowRecord wf) {
    String status = wf.status().name().toLowerCase(Locale.ROOT);
    if (wf.status().ended()) {
      status += " after " + TimeFormat.duration(wf.updatedAt() - wf.createdAt());
    }
    return wf.viaError() ? status + " (took an error transition)" : status;
  }

  private static String phase(WorkflowView view, long now) {
    WorkflowRecord wf = view.workflow();
    EntryRecord e = view.current();
    if (wf.phase() == null) {
      return "none entered yet";
    }
    String entry = wf.phase() + " (entry " + wf.entry() + ")";
    if (!view.running()) {
      return entry + ", ended " + TimeFormat.dateTime(wf.updatedAt()) + " UTC";
    }
    long since = e != null ? e.openedAt() : wf.updatedAt();
    return entry + " for " + TimeFormat.duration(now - since);
  }

  private static String fraction(JobCounts c) {
    return JobText.ended(c) + "/" + c.total();
  }

  private static String notes(JobCounts c) {
    StringBuilder s = new StringBuilder();
    if (c.failed() > 0) {
      s.append(c.failed()).append(" failed  ");
    }
    if (c.skipped() > 0) {
      s.append(c.skipped()).append(" skipped  ");
    }
    return s.toString().strip();
  }

  private static String withLimit(String notes, HandlerLimits.Usage limit) {
    if (limit == null) {
      return notes;
    }
    return notes.isEmpty() ? limit(limit) : notes + "  " + limit(limit);
  }

  /**
   * {@code limit v1: 2 concurrent, 10/s; 2 leases held, 3 jobs deferred (all workflows)}: the limit
   * on the major the jobs were sent to, and its usage now by every workflow's jobs of that handler,
   * not only this one's.
   */
  static String limit(HandlerLimits.Usage u) {
    HandlerLimit l = u.limit();
    StringBuilder s = new StringBuilder("limit v").append(l.version()).append(": ");
    if (l.maxConcurrent() > 0) {
      s.append(l.maxConcurrent()).append(" concurrent");
    }
    if (l.maxPerSecond() > 0) {
      s.append(l.maxConcurrent() > 0 ? ", " : "").append(l.maxPerSecond()).append("/s");
    }
    return s.append("; ")
        .append(u.leases())
        .append(u.leases() == 1 ? " lease" : " leases")
        .append(" held, ")
        .append(u.deferred())
        .append(u.deferred() == 1 ? " job" : " jobs")
        .append(" deferred (all workflows)")
        .toString();
  }

  private static void row(StringBuilder s, String label, String value) {
    s.append(String.format("%-11s %s", label, value)).append(NL);
  }
}
