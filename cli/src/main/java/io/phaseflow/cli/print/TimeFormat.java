package io.phaseflow.cli.print;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the command line shows instants (always UTC) and durations. Pure. */
public final class TimeFormat {
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private TimeFormat() {}

  /** {@code 18:31:38.704}: the time of day in UTC, to the millisecond. */
  static String clock(long epochMillis) {
    return CLOCK.format(Instant.ofEpochMilli(epochMillis));
  }

  /** {@code 2024-05-01 18:31:38}: date and time in UTC, to the second. */
  static String dateTime(long epochMillis) {
    return DATE_TIME.format(Instant.ofEpochMilli(epochMillis));
  }

  /**
   * A duration as a person reads it, with at most two units: {@code 131 ms}, {@code 4.2 s}, {@code
   * 3 min 12 s}, {@code 2 h 5 min}, {@code 3 d 4 h}. Negative durations (clock skew between
   * machines) show as {@code 0 ms}.
   */
  public static String duration(long millis) {
    long ms = Math.max(0, millis);
    if (ms < 1_000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      long tenths = ms / 100;
      return tenths / 10 + "." + tenths % 10 + " s";
    }
    long s = ms / 1_000;
    if (s < 3_600) {
      return s / 60 + " min " + s % 60 + " s";
    }
    long min = s / 60;
    if (min < 24 * 60) {
      return min / 60 + " h " + min % 60 + " min";
    }
    long h = min / 60;
    return h / 24 + " d " + h % 24 + " h";
  }
}
