package io.phaseflow.cli.print;

import io.phaseflow.engine.inspect.Inspector;
import io.phaseflow.engine.inspect.Inspector.WorkflowSummary;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code phaseflow list}: a page of workflows as a table, newest first, and the command that
 * fetches the next page. Pure: renders a {@link Inspector.Listing} at a given time.
 */
public final class ListPrinter {
  private static final String NL = System.lineSeparator();
  private static final List<String> HEADINGS =
      List.of("ID", "DEFINITION", "STATUS", "PHASE", "PROGRESS", "STARTED (UTC)", "DURATION");
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_.:@/=+,-]+");

  private ListPrinter() {}

  /**
   * @param now epoch ms, for how long running workflows have been running
   * @param command the command that printed this page, e.g. {@code phaseflow list --limit 2}: with
   *     {@code --after CURSOR} appended, it fetches the next
   */
  public static String render(Inspector.Listing listing, long now, String command) {
    if (listing.workflows().isEmpty()) {
      return "no workflows" + NL;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADINGS);
    listing.workflows().forEach(s -> rows.add(row(s, now)));
    StringBuilder out = new StringBuilder(table(rows));
    if (listing.next() != null) {
      out.append(NL)
          .append("next page: ")
          .append(command)
          .append(" --after ")
          .append(shellWord(listing.next()))
          .append(NL);
    }
    return out.toString();
  }

  static List<String> row(WorkflowSummary s, long now) {
    WorkflowRecord wf = s.workflow();
    EntryRecord e = s.current();
    long end = wf.status().ended() ? wf.updatedAt() : now;
    return List.of(
        wf.id(),
        wf.definition() + "@" + wf.version(),
        wf.status().name().toLowerCase(Locale.ROOT),
        wf.phase() == null ? "-" : wf.phase(),
        e == null ? "-" : JobText.ended(e.jobs()) + "/" + e.jobs().total(),
        TimeFormat.dateTime(wf.createdAt()),
        TimeFormat.duration(end - wf.createdAt()));
  }

  /** Columns left-aligned, two spaces apart, each as wide as its widest cell. */
  static String table(List<List<String>> rows) {
    int columns = rows.get(0).size();
    int[] width = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < columns; c++) {
        width[c] = Math.max(width[c], row.get(c).length());
      }
    }
    StringBuilder s = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        line.append(String.format("%-" + width[c] + "s", row.get(c)));
        if (c < columns - 1) {
          line.append("  ");
        }
      }
      s.append(line.toString().stripTrailing()).append(NL);
    }
    return s.toString();
  }

  /** A word a POSIX shell reads back unchanged: as is when safe, else in single quotes. */
  public static String shellWord(String word) {
    if (SHELL_SAFE.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
