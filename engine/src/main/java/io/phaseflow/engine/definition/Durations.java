package io.phaseflow.engine.definition;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in definitions: {@code "500ms"}, {@code "30s"}, {@code "5m"}. */
public final class Durations {
  private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private Durations() {}

  /** Milliseconds of {@code text}, or -1 when it is not a duration. */
  static long parseMillis(String text) {
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      return -1;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> n;
      case "s" -> n * 1_000;
      case "m" -> n * 60_000;
      case "h" -> n * 3_600_000;
      default -> n * 86_400_000;
    };
  }

  /**
   * The shortest way to write {@code millis} in the units above, e.g. {@code 30s}, {@code 1500ms}.
   */
  public static String format(long millis) {
    long[] sizes = {86_400_000, 3_600_000, 60_000, 1_000};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (millis >= sizes[i] && millis % sizes[i] == 0) {
        return millis / sizes[i] + units[i];
      }
    }
    return millis + "ms";
  }
}
