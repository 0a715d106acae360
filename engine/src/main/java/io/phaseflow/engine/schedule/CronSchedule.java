package io.phaseflow.engine.schedule;

import io.phaseflow.engine.RejectedInput;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.scheduling.support.CronExpression;

/**
 * A standard 5-field cron expression ({@code minute hour day-of-month month day-of-week}) or a
 * macro ({@code @hourly}, {@code @daily}, ...), in a time zone (UTC unless given). Parsed by
 * Spring's {@code CronExpression}, the one class of this package that names it; a bad expression is
 * refused naming the field. Immutable; thread-safe.
 *
 * <p>Spring's rules, where they differ from Vixie cron: a day-of-month and a day-of-week both given
 * must both match (Vixie cron takes either); {@code L}, {@code W} and {@code #} are understood.
 */
public final class CronSchedule {
  /** The zone of a schedule given none. */
  public static final ZoneId UTC = ZoneId.of("UTC");

  static final String[] FIELDS = {"minute", "hour", "day-of-month", "month", "day-of-week"};
  static final Set<String> MACROS =
      Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
  static final String EXAMPLES =
      "a cron expression is 5 fields, minute hour day-of-month month day-of-week, e.g. '*/15 * * *"
          + " *' (every 15 minutes) or '0 3 * * 1-5' (03:00 on weekdays), or one of "
          + String.join(", ", MACROS.stream().sorted().toList());

  private final String expression;
  private final ZoneId zone;
  private final CronExpression cron;

  private CronSchedule(String expression, ZoneId zone, CronExpression cron) {
    this.expression = expression;
    this.zone = zone;
    this.cron = cron;
  }

  /**
   * Parses {@code expression} in {@code zone} (null or empty: UTC).
   *
   * @throws RejectedInput naming the field that is wrong and showing examples
   */
  public static CronSchedule parse(String expression, String zone) {
    ZoneId zoneId = zone(zone);
    String text = expression == null ? "" : expression.strip().replaceAll("\\s+", " ");
    if (text.startsWith("@")) {
      if (!MACROS.contains(text.toLowerCase(Locale.ROOT))) {
        throw new RejectedInput("unknown cron macro '" + text + "'; " + EXAMPLES);
      }
      return new CronSchedule(text, zoneId, CronExpression.parse(text.toLowerCase(Locale.ROOT)));
    }
    String[] fields = text.isEmpty() ? new String[0] : text.split(" ");
    if (fields.length != FIELDS.length) {
      throw new RejectedInput(
          "cron expression '" + text + "' has " + fields.length + " fields; " + EXAMPLES);
    }
    for (int i = 0; i < fields.length; i++) {
      String[] alone = {"*", "*", "*", "*", "*"};
      alone[i] = fields[i];
      try {
        CronExpression.parse("0 " + String.join(" ", alone));
      } catch (IllegalArgumentException e) {
        throw new RejectedInput(
            "cron expression '"
                + text
                + "': field "
                + (i + 1)
                + " ("
                + FIELDS[i]
                + ") '"
                + fields[i]
                + "' is invalid ("
                + reason(e)
                + "); "
                + EXAMPLES,
            e);
      }
    }
    try {
      return new CronSchedule(text, zoneId, CronExpression.parse("0 " + text));
    } catch (IllegalArgumentException e) {
      throw new RejectedInput(
          "cron expression '" + text + "' is invalid (" + reason(e) + "); " + EXAMPLES, e);
    }
  }

  private static String reason(IllegalArgumentException e) {
    Throwable t = e.getCause() != null ? e.getCause() : e;
    return t.getMessage();
  }

  private static ZoneId zone(String zone) {
    if (zone == null || zone.isBlank()) {
      return UTC;
    }
    try {
      return ZoneId.of(zone.strip());
    } catch (DateTimeException e) {
      throw new RejectedInput(
          "unknown time zone '"
              + zone
              + "' ("
              + e.getMessage()
              + "); use a region such as Europe/Berlin or America/New_York, or UTC",
          e);
    }
  }

  public String expression() {
    return expression;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The first tick strictly after {@code afterMillis}, in epoch ms; empty when there is none. */
  public OptionalLong next(long afterMillis) {
    ZonedDateTime next = cron.next(Instant.ofEpochMilli(afterMillis).atZone(zone));
    return next == null ? OptionalLong.empty() : OptionalLong.of(next.toInstant().toEpochMilli());
  }

  /**
   * The latest tick after {@code afterMillis} and at or before {@code nowMillis}; empty when none.
   * Searches back from now in doubling windows, so a schedule last fired long ago costs a few dozen
   * steps, not one per missed tick.
   */
  public OptionalLong latest(long afterMillis, long nowMillis) {
    if (nowMillis <= afterMillis) {
      return OptionalLong.empty();
    }
    long window = 60_000;
    while (true) {
      long from = Math.max(afterMillis, nowMillis - window);
      OptionalLong first = next(from);
      if (first.isPresent() && first.getAsLong() <= nowMillis) {
        long tick = first.getAsLong();
        for (OptionalLong n = next(tick);
            n.isPresent() && n.getAsLong() <= nowMillis;
            n = next(tick)) {
          tick = n.getAsLong();
        }
        return OptionalLong.of(tick);
      }
      if (from == afterMillis) {
        return OptionalLong.empty();
      }
      window = window > Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 2 : window * 2;
    }
  }

  @Override
  public String toString() {
    return expression + (zone.equals(UTC) ? "" : " (" + zone + ")");
  }
}
