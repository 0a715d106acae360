package io.phaseflow.cli;

import io.phaseflow.cli.print.HistoryPrinter;
import io.phaseflow.cli.print.JobPrinter;
import io.phaseflow.cli.print.ResultPrinter;
import io.phaseflow.cli.print.TimeFormat;
import io.phaseflow.cli.print.WaitProgress;
import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.inspect.InspectJson;
import io.phaseflow.engine.inspect.WorkflowResult;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowReads;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/**
 * {@code start --wait}: follows started workflows to their end and prints each one's result (with
 * {@code --json} a JSON line each, and nothing else on {@code out}). Used once, from one thread.
 */
final class StartWaiter {
  /** Up to this many workflows, each one's result is printed as a line. */
  static final int RESULT_LINES = 20;

  private final Cluster cluster;
  private final Engine engine;
  private final String name;
  private final Duration timeout;
  private final Duration progress;
  private final boolean json;
  private final PrintWriter out;
  private final PrintWriter err;

  StartWaiter(
      Cluster cluster,
      Engine engine,
      String name,
      Duration timeout,
      Duration progress,
      boolean json,
      PrintWriter out,
      PrintWriter err) {
    this.cluster = cluster;
    this.engine = engine;
    this.name = name;
    this.timeout = timeout;
    this.progress = progress;
    this.json = json;
    this.out = out;
    this.err = err;
  }

  /**
   * Prints one workflow's transitions as they are recorded, until it ends, then its result (with
   * {@code --json} only the result's line).
   */
  int follow(String id) throws InterruptedException {
    WorkflowReads store = cluster.store();
    long deadline = System.nanoTime() + timeout.toNanos();
    int printed = 0;
    while (System.nanoTime() < deadline) {
      // Read the status before the history, so the last line is printed before "ended".
      WorkflowRecord wf = store.workflow(id).orElse(null);
      if (wf == null) { // no engine has taken the start yet
        Thread.sleep(100);
        continue;
      }
      List<TransitionRecord> history = store.history(id);
      for (; printed < history.size(); printed++) {
        if (!json) {
          out.println(HistoryPrinter.line(history.get(printed)));
        }
      }
      out.flush();
      if (wf.status().ended() && printed == history.size()) { // a paused one waits
        WorkflowResult result = Inspection.result(cluster, Inspection.find(cluster, id));
        if (json) {
          out.println(InspectJson.result(result));
        } else {
          out.printf("workflow %s %s in phase '%s'%n", id, lower(wf.status()), wf.phase());
          out.println(ResultPrinter.line(result, JobPrinter.DEFAULT_WIDTH));
        }
        out.flush();
        return wf.status() == WorkflowStatus.SUCCEEDED ? 0 : PhaseflowCommand.WORKFLOW_FAILED;
      }
      Thread.sleep(100);
    }
    err.println(
        "phaseflow: workflow "
            + id
            + (printed == 0 ? " not started" : " still running")
            + " after --timeout "
            + TimeFormat.duration(timeout.toMillis())
            + (printed == 0 ? "; is a phaseflow engine running on these servers?" : ""));
    err.flush();
    return PhaseflowCommand.TIMED_OUT;
  }

  /**
   * Waits for the workflows in start order, printing {@link WaitProgress} to stderr every {@code
   * --progress}; past {@code --timeout} says how many still run and exits 3. Each workflow's result
   * is printed as it is seen ended (up to {@value #RESULT_LINES} workflows; every one with {@code
   * --json}), then a summary.
   */
  int all(List<String> ids, long started) {
    int ok = 0;
    int failed = 0;
    long deadline = started + timeout.toNanos();
    long nextProgress = System.nanoTime() + progress.toNanos();
    for (String id : ids) {
      WorkflowRecord wf = null;
      while (wf == null) {
        long now = System.nanoTime();
        if (now >= nextProgress) {
          err.println(WaitProgress.line(ok, failed, ids.size(), (now - started) / 1_000_000));
          err.flush();
          nextProgress = now + progress.toNanos();
        }
        if (now >= deadline) {
          err.println(
              "phaseflow: "
                  + (ids.size() - ok - failed)
                  + " of "
                  + ids.size()
                  + " workflows still running after --timeout "
                  + TimeFormat.duration(timeout.toMillis())
                  + " ("
                  + WaitProgress.line(ok, failed, ids.size(), (now - started) / 1_000_000)
                  + "); is a phaseflow engine running on these servers?");
          err.flush();
          return PhaseflowCommand.TIMED_OUT;
        }
        try {
          wf = engine.await(id, Duration.ofNanos(Math.min(deadline, nextProgress) - now));
        } catch (PhaseflowException e) {
          if (!e.retryable()) {
            throw e;
          }
          // not ended yet: print progress or give up above
        }
      }
      if (json || ids.size() <= RESULT_LINES) {
        WorkflowResult result = Inspection.result(cluster, Inspection.find(cluster, id));
        out.println(
            json
                ? InspectJson.result(result).toString()
                : ResultPrinter.workflowLine(result, JobPrinter.DEFAULT_WIDTH));
        out.flush();
      }
      if (wf.status() == WorkflowStatus.SUCCEEDED) {
        ok++;
      } else {
        failed++;
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    PrintWriter summary = json ? err : out;
    summary.printf(
        "%d workflows of %s: %d succeeded, %d failed in %.1f s (%.0f workflows/s)%n",
        ids.size(), name, ok, failed, seconds, ids.size() / seconds);
    summary.flush();
    return failed == 0 ? 0 : PhaseflowCommand.WORKFLOW_FAILED;
  }

  private static String lower(WorkflowStatus s) {
    return s.name().toLowerCase(java.util.Locale.ROOT);
  }
}
