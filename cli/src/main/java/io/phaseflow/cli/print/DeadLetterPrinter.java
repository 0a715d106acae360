package io.phaseflow.cli.print;

import io.phaseflow.engine.dead.DeadLetters;
import java.util.List;

/** Dead letters as {@code phaseflow dead} prints them. Pure. */
public final class DeadLetterPrinter {
  /** The most body characters {@code dead show} prints. */
  public static final int SHOW_CHARS = 4_000;

  private static final int REASON_CHARS = 100;

  private DeadLetterPrinter() {}

  /** A table, oldest first, and how many more the queue holds. */
  public static String list(DeadLetters.Page page, String where) {
    List<DeadLetters.Letter> letters = page.letters();
    if (letters.isEmpty()) {
      return "no dead letters in " + where + "\n";
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format("%-13s  %-19s  %-40s  %s%n", "ID", "DEAD-LETTERED", "QUEUE", "REASON"));
    for (DeadLetters.Letter l : letters) {
      out.append(
          String.format(
              "%-13s  %-19s  %-40s  %s%n",
              l.id(), when(l.at()), l.queue(), cut(l.reason(), REASON_CHARS)));
    }
    long more = page.total() - letters.size();
    if (more > 0) {
      out.append(String.format("... and %,d more (--limit N shows more)%n", more));
    }
    return out.toString();
  }

  /** One letter in full: its reason, where from, when, and its body (cut to SHOW_CHARS). */
  public static String show(DeadLetters.Letter l) {
    return String.format(
        "dead letter   %s%nqueue         %s%ndead-lettered %s%nfailures      %d%nreason        %s%n"
            + "body          %s%n",
        l.id(), l.queue(), when(l.at()), l.failures(), l.reason(), l.preview(SHOW_CHARS));
  }

  private static String when(long at) {
    return at <= 0 ? "unknown" : TimeFormat.dateTime(at);
  }

  private static String cut(String s, int max) {
    String line = s.replace('\n', ' ');
    return line.length() <= max ? line : line.substring(0, max - 1) + "…";
  }
}
