package io.phaseflow.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads every duration option: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, their sums such
 * as {@code 1m30s}, or ISO-8601 such as {@code PT30S}. A duration must be longer than zero.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  static final String EXAMPLES = "e.g. 500ms, 30s, 2m, 1h, 1m30s or PT30S";

  private static final Pattern SHORT = Pattern.compile("(?:\\d+(?:ms|h|m|s))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");

  @Override
  public Duration convert(String value) {
    Duration d = parse(value);
    if (d == null) {
      throw new TypeConversionException("'" + value + "' is not a duration; write " + EXAMPLES);
    }
    if (d.isNegative() || d.isZero()) {
      throw new TypeConversionException(
          "'" + value + "' must be longer than zero; write " + EXAMPLES);
    }
    return d;
  }

  /** The duration written, or null if it is not one. */
  private static Duration parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (SHORT.matcher(v).matches()) {
      Duration d = Duration.ZERO;
      Matcher m = PART.matcher(v);
      while (m.find()) {
        long n = Long.parseLong(m.group(1));
        d =
            d.plus(
                switch (m.group(2)) {
                  case "ms" -> Duration.ofMillis(n);
                  case "s" -> Duration.ofSeconds(n);
                  case "m" -> Duration.ofMinutes(n);
                  default -> Duration.ofHours(n);
                });
      }
      return d;
    }
    try {
      return v.startsWith("p") ? Duration.parse(v.toUpperCase(Locale.ROOT)) : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A duration, or a bare number of seconds (for options named in seconds, e.g. {@code 60}). */
  static final class OrSeconds implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return value.trim().matches("\\d+")
          ? new DurationConverter().convert(value.trim() + "s")
          : new DurationConverter().convert(value);
    }
  }

  /** A duration or {@code forever} (read as null: no limit). */
  static final class OrForever implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      if (value.trim().equalsIgnoreCase("forever")) {
        return null;
      }
      try {
        return new DurationConverter().convert(value);
      } catch (TypeConversionException e) {
        throw new TypeConversionException(e.getMessage() + ", or forever");
      }
    }
  }
}
