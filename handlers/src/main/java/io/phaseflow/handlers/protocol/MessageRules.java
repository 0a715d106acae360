package io.phaseflow.handlers.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.handlers.Job;

/**
 * What makes a decoded {@link Job} or {@link JobFinished} impossible to process: the one place that
 * checks their required fields and ranges. Each rule returns the reason, naming the field as it is
 * spelled on the wire, or null when the message is fine. Pure; thread-safe.
 */
final class MessageRules {
  private MessageRules() {}

  static String jobFinished(JobFinished m) {
    String type = "JobFinished";
    return first(
        ids(type, m.workflowId(), m.entry(), m.job(), m.attempt()),
        required(type, "handler", m.handler()),
        !m.ok() && m.error() == null ? type + " ok:false without error" : null,
        atLeast(type, "startedAt", m.startedAt(), 0, "epoch milliseconds"),
        atLeast(type, "finishedAt", m.finishedAt(), 0, "epoch milliseconds"));
  }

  static String jobHeartbeat(JobHeartbeat m) {
    return ids("JobHeartbeat", m.workflowId(), m.entry(), m.job(), m.attempt());
  }

  static String job(Job m) {
    String type = "Job";
    return first(
        ids(type, m.workflowId(), m.entry(), m.job(), m.attempt()),
        required(type, "phase", m.phase()),
        required(type, "handler", m.handler()),
        atLeast(type, "version", m.version(), 1, "a handler major version"));
  }

  /**
   * The {@code format} field of any message: absent is format 1 (written before the field existed);
   * one newer than {@link Messages#FORMAT} is a message this code would misread, so {@code reader},
   * the process reading {@code type}, is the one to upgrade.
   */
  static String format(String type, JsonNode format, String reader) {
    if (format == null) {
      return null;
    }
    if (!format.canConvertToExactIntegral() || !format.canConvertToInt() || format.intValue() < 1) {
      return type
          + " format is "
          + format
          + "; expected a message format number from 1 to "
          + Messages.FORMAT;
    }
    int f = format.intValue();
    if (f > Messages.FORMAT) {
      return type
          + " message format "
          + f
          + " is newer than this Phaseflow reads (up to "
          + Messages.FORMAT
          + "); upgrade "
          + reader;
    }
    return null;
  }

  /** The fields that say which job attempt a message is about, common to both types. */
  private static String ids(String type, String workflowId, int entry, int job, int attempt) {
    return first(
        required(type, "workflowId", workflowId),
        atLeast(type, "entry", entry, 1, "a phase entry number"),
        atLeast(type, "job", job, 0, "a job index"),
        atLeast(type, "attempt", attempt, 1, "an attempt number"));
  }

  private static String required(String type, String field, String value) {
    return value == null || value.isBlank() ? type + " without " + field : null;
  }

  /** Absent numbers decode as 0, so a 0 where 1 is the least is most likely a missing field. */
  private static String atLeast(String type, String field, long value, long least, String what) {
    if (value >= least) {
      return null;
    }
    String missing = value == 0 ? " (missing?)" : "";
    return type + " " + field + " is " + value + missing + "; expected " + what + " ≥ " + least;
  }

  private static String first(String... problems) {
    for (String p : problems) {
      if (p != null) {
        return p;
      }
    }
    return null;
  }
}
