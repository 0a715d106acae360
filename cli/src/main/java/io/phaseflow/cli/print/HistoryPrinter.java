package io.phaseflow.cli.print;

import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.inspect.WorkflowView;
import io.phaseflow.engine.state.ControlAction;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.RetriedAttempt;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A workflow's transitions, one aligned line each: printed as they happen by {@code run} and {@code
 * engine} (as a listener), and from the store by {@code history}, so both show the same facts. The
 * listener is thread-safe; the static renderers are pure.
 */
public final class HistoryPrinter implements WorkflowListener {
  private static final String INDENT = " ".repeat(14);
  private final PrintWriter out;
  private final CountDownLatch finished = new CountDownLatch(1);

  public HistoryPrinter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void finished(WorkflowRecord wf) {
    finished.countDown();
  }

  /** Waits until the last transition was printed: the store can say "ended" a moment earlier. */
  public void awaitLastLine(Duration timeout) throws InterruptedException {
    finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void transitioned(WorkflowRecord wf, TransitionRecord t) {
    out.println(line(t));
    out.flush();
  }

  /**
   * One transition: when (UTC), from → to, why, how long the phase took and how its jobs ended per
   * handler; a failed transition's failing job and error on a second line; then a line per job
   * attempt that failed or timed out and was tried again, with its error and backoff.
   */
  public static String line(TransitionRecord t) {
    String at = TimeFormat.clock(t.at());
    if (t.reason().control()) {
      return control(at, t);
    }
    if (t.from() == null) {
      return String.format("%s  %-36s started", at, "→ " + t.to());
    }
    String move = t.from() + " → " + (t.to() == null ? "(end)" : t.to());
    String line =
        String.format(
            "%s  %-36s %-9s %10s  %s",
            at,
            move,
            t.reason().wire(),
            TimeFormat.duration(t.durationMillis()),
            JobText.handlers(t.byHandler()));
    StringBuilder s = new StringBuilder(line);
    if (t.error() != null) {
      s.append('\n').append(INDENT).append("error: ").append(t.error());
    }
    for (RetriedAttempt r : t.retried()) {
      s.append('\n').append(INDENT).append(retried(r));
    }
    if (t.note() != null) { // the versions the entered phase's requirements resolved to
      s.append('\n').append(INDENT).append(t.note());
    }
    return s.toString();
  }

  /**
   * {@code job 0 (Fetcher) attempt 1: timed out after 30s (attempt 1 of 3), retried after 1.0 s}
   */
  static String retried(RetriedAttempt r) {
    return String.format(
        "job %d (%s) attempt %d: %s, retried after %s",
        r.job(), r.name(), r.attempt(), r.error(), TimeFormat.duration(r.delayMillis()));
  }

  /** A person's action: {@code 10:02:11.000 b → a redriven by alice: "upstream fixed"}. */
  private static String control(String at, TransitionRecord t) {
    String move =
        t.to() == null
            ? t.from() + " → (end)"
            : t.from().equals(t.to()) ? t.from() : t.from() + " → " + t.to();
    String line = String.format("%s  %-36s %-9s", at, move, t.reason().wire());
    if (t.by() != null) {
      line += "  by " + t.by();
    }
    return t.note() == null ? line : line + ": \"" + t.note() + "\"";
  }

  /** What a control command did: {@code workflow w1 paused in phase 'a'}. */
  public static String controlled(WorkflowRecord wf, ControlAction action) {
    String status = wf.status().name().toLowerCase(Locale.ROOT);
    String did =
        switch (action) {
          case PAUSE -> "paused";
          case RESUME -> "resumed";
          case CANCEL -> "canceled";
          case REDRIVE -> "redriven";
        };
    return String.format("workflow %s %s; now %s in phase '%s'", wf.id(), did, status, wf.phase());
  }

  /**
   * The whole timeline of a stored workflow: a heading, a line per transition (a task DAG's tasks a
   * line each under its run entry), and where it stands.
   *
   * @param now epoch ms, for how long a running workflow has been in its phase
   */
  public static String render(WorkflowView view, long now) {
    return render(view, now, null, 0);
  }

  /**
   * The whole timeline with, under each line that closed a phase entry, a line per job of that
   * entry ({@link JobPrinter#line}); a running workflow's open entry's jobs follow the last line.
   *
   * @param jobs the jobs of an entry, by entry number; null for no job lines
   * @param width the most characters of a job's output shown; 0 for all
   */
  public static String render(
      WorkflowView view, long now, IntFunction<List<JobRecord>> jobs, int width) {
    WorkflowRecord wf = view.workflow();
    String nl = System.lineSeparator();
    StringBuilder s =
        new StringBuilder()
            .append(
                String.format(
                    "workflow %s: %s v%d, started %s UTC%n",
                    wf.id(), wf.definition(), wf.version(), TimeFormat.dateTime(wf.createdAt())));
    List<TransitionRecord> history = view.history();
    int tasksAt = view.tasks() == null ? -1 : TaskLines.position(wf, history, view.tasks());
    int[] entries = view.closedEntries();
    for (int i = 0; i <= history.size(); i++) {
      if (i == tasksAt) {
        TaskLines.lines(view.tasks()).forEach(l -> s.append(l).append(nl));
      }
      if (i < history.size()) {
        s.append(line(history.get(i))).append(nl);
        if (jobs != null && entries[i] > 0) {
          jobs.apply(entries[i]).forEach(j -> s.append(jobLine(j, width)).append(nl));
        }
      }
    }
    EntryRecord open = view.current();
    if (jobs != null && open != null && !closedByALine(entries, open.entry())) {
      s.append(INDENT)
          .append(
              String.format(
                  "entry %d in '%s', %s:",
                  open.entry(), open.phase(), open.closed() ? "closed" : "open"))
          .append(nl);
      jobs.apply(open.entry()).forEach(j -> s.append(jobLine(j, width)).append(nl));
    }
    return s.append(standing(view, now)).append(nl).toString();
  }

  private static boolean closedByALine(int[] entries, int entry) {
    return java.util.Arrays.stream(entries).anyMatch(e -> e == entry);
  }

  private static String jobLine(JobRecord j, int width) {
    return INDENT + "  " + JobPrinter.line(j, width);
  }

  /**
   * Where a workflow stands: {@code succeeded in phase 'finished' after 131 ms} (the total time)
   * once ended, {@code running in phase 'searching' for 2.1 s (4.0 s since start)} before.
   */
  public static String standing(WorkflowView view, long now) {
    WorkflowRecord wf = view.workflow();
    String status = wf.status().name().toLowerCase(Locale.ROOT);
    if (!view.running()) {
      return String.format(
          "%s in phase '%s' after %s",
          status, wf.phase(), TimeFormat.duration(wf.updatedAt() - wf.createdAt()));
    }
    if (wf.phase() == null) {
      return "running, not in a phase yet, "
          + TimeFormat.duration(now - wf.createdAt())
          + " since start";
    }
    long since = view.current() != null ? view.current().openedAt() : wf.updatedAt();
    return String.format(
        "%s in phase '%s' for %s (%s since start)",
        status,
        wf.phase(),
        TimeFormat.duration(now - since),
        TimeFormat.duration(now - wf.createdAt()));
  }
}
