package io.phaseflow.cli.print;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.engine.state.JobRecord;
import java.util.Locale;

/**
 * One job of a phase entry on one line, and JSON values cut to a width: what {@code history --jobs}
 * and {@code start --wait} print. Pure.
 */
public final class JobPrinter {
  /** The width outputs are cut to unless asked otherwise. */
  public static final int DEFAULT_WIDTH = 100;

  private JobPrinter() {}

  /**
   * {@code job 0 PageSummarizer succeeded attempt 1 {"words":40,...}}: index, name (a task's with
   * its handler; with {@code v2} when the handler's major is not 1), status, attempt, then its
   * output as compact JSON cut to {@code width}, or its error in full.
   *
   * @param width the most characters of output shown, with an ellipsis when cut; 0 for all
   */
  public static String line(JobRecord j, int width) {
    // the major its queue is (what a version requirement resolved to), when not the default 1
    String version = j.spec().version() == 1 ? "" : " v" + j.spec().version();
    String name =
        j.spec().name().equals(j.spec().handler())
            ? j.spec().name() + version
            : j.spec().name() + " (" + j.spec().handler() + version + ")";
    String head =
        String.format(
            "job %d  %s  %s  attempt %d",
            j.spec().index(), name, j.status().name().toLowerCase(Locale.ROOT), j.attempt());
    return switch (j.status()) {
      case SUCCEEDED -> head + "  " + json(j.output(), width);
      case FAILED -> head + "  error: " + j.error();
      default -> head;
    };
  }

  /**
   * A value as compact JSON, cut to {@code width} characters with a final {@code …} when longer
   * ({@code null} for a missing value).
   *
   * @param width the most characters shown, the ellipsis included; 0 for all
   */
  public static String json(JsonNode value, int width) {
    return cut(value == null ? "null" : value.toString(), width);
  }

  /**
   * {@code text} cut to {@code width} characters, its last an ellipsis; whole when 0 or shorter.
   */
  static String cut(String text, int width) {
    if (width <= 0 || text.length() <= width) {
      return text;
    }
    int keep = Math.max(0, width - 1);
    if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
      keep--; // never split a character in two
    }
    return text.substring(0, keep) + "…";
  }
}
