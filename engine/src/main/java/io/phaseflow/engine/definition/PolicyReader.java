package io.phaseflow.engine.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Reads a handler entry's {@code timeout}, {@code heartbeat_timeout}, {@code backoff} and {@code
 * jobs_per_message} into a {@link JobPolicy}, reporting each bad value where it is and falling back
 * to the default.
 */
final class PolicyReader {
  static final List<String> KEYS =
      List.of("timeout", "heartbeat_timeout", "backoff", "jobs_per_message");
  private static final List<String> BACKOFF_KEYS =
      List.of("initial", "max", "multiplier", "jitter");

  private final ErrorCollector errors;

  PolicyReader(ErrorCollector errors) {
    this.errors = errors;
  }

  JobPolicy read(ObjectReader handler) {
    JobPolicy p = readTimes(handler);
    int n = handler.intInRange("jobs_per_message", 1, JobPolicy.MAX_JOBS_PER_MESSAGE, 1);
    if (n > 1 && p.heartbeatMillis() > 0) {
      errors.add(
          handler.path("jobs_per_message"),
          "'jobs_per_message' of "
              + handler.label()
              + " cannot be combined with 'heartbeat_timeout': jobs with heartbeats are"
              + " acknowledged when they start; they travel one per message",
          "remove jobs_per_message, or heartbeat_timeout if the jobs are short");
      return p;
    }
    return p.withJobsPerMessage(n);
  }

  private JobPolicy readTimes(ObjectReader handler) {
    JobPolicy d = JobPolicy.DEFAULT;
    long timeout = duration(handler, "timeout", d.timeoutMillis(), false);
    long heartbeat = duration(handler, "heartbeat_timeout", d.heartbeatMillis(), false);
    if (heartbeat > timeout) {
      errors.add(
          handler.path("heartbeat_timeout"),
          "'heartbeat_timeout' of "
              + handler.label()
              + " is longer than its 'timeout' ("
              + Durations.format(timeout)
              + ")",
          "heartbeats must come more often than the timeout: make heartbeat_timeout shorter");
    }
    ObjectNode backoff = handler.object("backoff");
    if (backoff == null) {
      return new JobPolicy(
          timeout, heartbeat, d.initialMillis(), d.maxMillis(), d.multiplier(), d.jitter());
    }
    ObjectReader b =
        ObjectReader.of(
            backoff, handler.path("backoff"), "the backoff of " + handler.label(), errors);
    b.rejectUnknownKeys(BACKOFF_KEYS);
    long initial = duration(b, "initial", d.initialMillis(), true);
    long max = duration(b, "max", Math.max(d.maxMillis(), initial), true);
    double multiplier = number(b, "multiplier", d.multiplier(), 1, 100);
    double jitter = number(b, "jitter", d.jitter(), 0, 1);
    if (max < initial) {
      errors.add(
          b.path("max"),
          "'max' of "
              + b.label()
              + " is shorter than its 'initial' ("
              + Durations.format(initial)
              + ")",
          "make max at least as long as initial");
      max = initial;
    }
    return new JobPolicy(timeout, heartbeat, initial, max, multiplier, jitter);
  }

  private long duration(ObjectReader r, String key, long fallback, boolean zeroAllowed) {
    if (!r.has(key)) {
      return fallback;
    }
    JsonNode value = r.get(key);
    long millis = value.isTextual() ? Durations.parseMillis(value.textValue()) : -1;
    if (millis < 0 || (millis == 0 && !zeroAllowed)) {
      r.markInvalid(key);
      errors.add(
          r.path(key),
          "'"
              + key
              + "' of "
              + r.label()
              + " must be a duration"
              + (zeroAllowed ? "" : " above 0")
              + " such as \"30s\", but is "
              + ObjectReader.describe(value),
          "write a whole number followed by ms, s, m, h or d, e.g. \"" + key + "\": \"5m\"");
      return fallback;
    }
    return millis;
  }

  private double number(ObjectReader r, String key, double fallback, double min, double max) {
    if (!r.has(key)) {
      return fallback;
    }
    JsonNode value = r.get(key);
    if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
      r.markInvalid(key);
      errors.add(
          r.path(key),
          "'"
              + key
              + "' of "
              + r.label()
              + " must be a number from "
              + fmt(min)
              + " to "
              + fmt(max)
              + ", but is "
              + ObjectReader.describe(value),
          "write e.g. \"" + key + "\": " + fmt(fallback));
      return fallback;
    }
    return value.asDouble();
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
