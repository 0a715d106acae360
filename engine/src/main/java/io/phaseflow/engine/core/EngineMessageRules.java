package io.phaseflow.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.handlers.protocol.Priority;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What makes a decoded {@link WorkflowStart} or {@link PhaseFinished} impossible to process: the
 * one place that checks their fields (the handler messages have theirs in the handlers module).
 * Each rule returns the reason, naming the field as it is spelled on the wire, or null when the
 * message is fine. Pure; thread-safe.
 */
final class EngineMessageRules {
  /**
   * Ids the engine makes ({@link WorkflowIds}) and any a caller could reasonably choose; no braces
   * (Redis hash tags), no spaces, short enough for every key of the workflow.
   */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private EngineMessageRules() {}

  static String start(WorkflowStart m) {
    String type = "WorkflowStart";
    return first(
        m.id() == null || m.id().isEmpty() ? type + " without id" : null,
        m.id() != null && !m.id().isEmpty() && !ID.matcher(m.id()).matches()
            ? type
                + " id '"
                + abbreviate(m.id())
                + "' is not 1 to 64 letters, digits, '.', '_' or '-'"
            : null,
        required(type, "definition", m.definition()),
        atLeast(type, "version", m.version(), 1, "a definition version"),
        data(type, m.data()),
        atLeast(type, "createdAt", m.createdAt(), 1, "epoch milliseconds"),
        priority(type, m.priority()));
  }

  private static String priority(String type, String priority) {
    try {
      Priority.parse(priority);
      return null;
    } catch (IllegalArgumentException e) {
      return type + " " + e.getMessage();
    }
  }

  static String phaseFinished(PhaseFinished m) {
    String type = "PhaseFinished";
    return first(
        required(type, "workflowId", m.workflowId()),
        atLeast(type, "entry", m.entry(), 1, "a phase entry number"));
  }

  private static String data(String type, JsonNode data) {
    if (data == null || data.isNull()) {
      return type + " without data (the workflow's input, a JSON object)";
    }
    if (!data.isObject()) {
      String kind = data.getNodeType().name().toLowerCase(Locale.ROOT);
      return type + " data is an " + kind + ", expected a JSON object";
    }
    return null;
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

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
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
