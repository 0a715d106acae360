package io.phaseflow.cli.print;

import io.phaseflow.engine.inspect.WorkflowView;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A task DAG's tasks in {@code history}, one line each under its run entry, in the columns of the
 * transition lines: {@code · name (handler)}, status, how long it ran, when it started after the
 * entry opened and which attempt ended it. Pure.
 */
final class TaskLines {
  private static final String INDENT = " ".repeat(14);
  private static final String RUN = io.phaseflow.engine.plan.Compiler.RUN;

  private TaskLines() {}

  /** One line per task of {@code tasks}. */
  static List<String> lines(WorkflowView.Tasks tasks) {
    long opened = tasks.entry().openedAt();
    List<String> lines = new ArrayList<>();
    for (JobRecord j : tasks.jobs()) {
      String name =
          j.spec().name().equals(j.spec().handler())
              ? j.spec().name()
              : j.spec().name() + " (" + j.spec().handler() + ")";
      boolean ended = j.endedAt() > 0;
      String took =
          ended && j.startedAt() > 0 ? TimeFormat.duration(j.endedAt() - j.startedAt()) : "";
      String start =
          j.startedAt() > 0
              ? "at +" + offset(j.startedAt() - opened)
              : ended ? "ended +" + offset(j.endedAt() - opened) : "";
      lines.add(
          INDENT
              + String.format(
                      "%-36s %-9s %10s  %-14s attempt %d",
                      "· " + name,
                      j.status().name().toLowerCase(Locale.ROOT),
                      took,
                      start,
                      j.attempt())
                  .stripTrailing());
    }
    return lines;
  }

  /**
   * Where the task lines go among {@code history}'s lines: after the last line leaving the run
   * entry, or after the last line while the workflow is still in it.
   */
  static int position(WorkflowRecord wf, List<TransitionRecord> history, WorkflowView.Tasks tasks) {
    if (tasks.entry().entry() == wf.entry()) {
      return history.size();
    }
    for (int i = history.size() - 1; i >= 0; i--) {
      TransitionRecord t = history.get(i);
      if (!t.reason().control() && RUN.equals(t.from())) {
        return i + 1;
      }
    }
    return history.size();
  }

  private static String offset(long millis) {
    return millis < 0 ? "0 ms" : TimeFormat.duration(millis);
  }
}
