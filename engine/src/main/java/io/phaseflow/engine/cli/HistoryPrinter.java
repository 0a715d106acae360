package io.phaseflow.engine.cli;

import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.state.JobCounts;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Prints each transition as one aligned line, as it happens. Thread-safe. */
final class HistoryPrinter implements WorkflowListener {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private final PrintWriter out;
  private final CountDownLatch finished = new CountDownLatch(1);

  HistoryPrinter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void finished(WorkflowRecord wf) {
    finished.countDown();
  }

  /** Waits until the last transition was printed: the store can say "ended" a moment earlier. */
  void awaitLastLine(Duration timeout) throws InterruptedException {
    finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void transitioned(WorkflowRecord wf, TransitionRecord t) {
    out.println(line(t));
    out.flush();
  }

  static String line(TransitionRecord t) {
    String at = TIME.format(Instant.ofEpochMilli(t.at()));
    if (t.from() == null) {
      return String.format("%s  %-36s started", at, "→ " + t.to());
    }
    String move = t.from() + " → " + (t.to() == null ? "(end)" : t.to());
    String line =
        String.format(
            "%s  %-36s %-9s %6d ms  %s", at, move, t.reason(), t.durationMillis(), jobs(t.jobs()));
    return t.error() == null ? line : line + "\n" + " ".repeat(14) + "error: " + t.error();
  }

  private static String jobs(JobCounts c) {
    if (c.total() == 0) {
      return "no jobs";
    }
    String s = c.total() + " job" + (c.total() == 1 ? "" : "s") + ": " + c.succeeded() + " ok";
    if (c.failed() > 0) {
      s += ", " + c.failed() + " failed";
    }
    if (c.skipped() > 0) {
      s += ", " + c.skipped() + " skipped";
    }
    return s;
  }
}
