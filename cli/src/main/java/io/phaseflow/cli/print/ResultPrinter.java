package io.phaseflow.cli.print;

import io.phaseflow.engine.inspect.WorkflowResult;
import java.util.Locale;

/** How a workflow's result reads on one line, cut to a width: what {@code start --wait} prints. */
public final class ResultPrinter {
  private ResultPrinter() {}

  /**
   * {@code result of 'finished' (entry 4): {"JobFinisher":[...]}}, or {@code result: {} (no phase
   * ran jobs)}.
   *
   * @param width the most characters of the result shown, with an ellipsis when cut; 0 for all
   */
  public static String line(WorkflowResult r, int width) {
    if (r.entry() == 0) {
      return "  result: {} (no phase ran jobs)";
    }
    return String.format(
        "  result of '%s' (entry %d): %s", r.phase(), r.entry(), JobPrinter.json(r.value(), width));
  }

  /** {@code w1 succeeded {"JobFinisher":[...]}}: one of many workflows as it ended. */
  public static String workflowLine(WorkflowResult r, int width) {
    return String.format(
        "%s  %s  %s",
        r.workflow().id(),
        r.workflow().status().name().toLowerCase(Locale.ROOT),
        JobPrinter.json(r.value(), width));
  }
}
