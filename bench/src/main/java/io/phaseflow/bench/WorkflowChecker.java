package io.phaseflow.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks one stored workflow after a chaos run: it is final; its history is a gap-free chain with
 * exactly one transition per phase entry (from entry N's phase to entry N+1's, the last one to the
 * end); every entry is closed with as many jobs as its phase fans out, each ended once; every key
 * carries a time to live. History lines without job counts ({@code j}) are other kinds of lines
 * (such as control actions) and are left aside. Pure; thread-safe.
 */
final class WorkflowChecker {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Integer> fanOut;

  /**
   * @param fanOut the number of jobs each phase of the definition plans
   */
  WorkflowChecker(Map<String, Integer> fanOut) {
    this.fanOut = Map.copyOf(fanOut);
  }

  /** What is wrong with this workflow; empty when nothing is. */
  List<Violation> check(StoredWorkflow w) {
    List<Violation> found = new ArrayList<>();
    String status = w.workflow().get("s");
    if (!"S".equals(status) && !"F".equals(status)) {
      found.add(
          new Violation(
              Violation.Kind.NOT_FINAL,
              w.id(),
              "status " + status + " in phase '" + w.workflow().get("p") + "'"));
      return found;
    }
    int entries = Integer.parseInt(w.workflow().getOrDefault("e", "0"));
    List<JsonNode> transitions = transitions(w, found);
    if (transitions.size() > entries) {
      found.add(
          violation(
              Violation.Kind.DUPLICATE_TRANSITION,
              w,
              transitions.size() + " transitions for " + entries + " phase entries"));
    } else if (transitions.size() < entries) {
      found.add(
          violation(
              Violation.Kind.MISSING_TRANSITION,
              w,
              transitions.size() + " transitions for " + entries + " closed phase entries"));
    }
    String previousTo = null;
    for (int n = 1; n <= Math.max(entries, transitions.size()); n++) {
      Map<String, String> entry = n <= entries ? w.entries().get(n) : null;
      JsonNode t = n <= transitions.size() ? transitions.get(n - 1) : null;
      if (n <= entries && entry == null) {
        found.add(violation(Violation.Kind.MISSING_ENTRY, w, "entry " + n + " has no hash"));
      } else if (entry != null) {
        checkEntry(w, n, entry, t, found);
      }
      if (t == null) {
        continue;
      }
      String from = text(t, "f");
      if (n > 1 && !Objects.equals(from, previousTo)) {
        found.add(
            violation(
                Violation.Kind.HISTORY_GAP,
                w,
                "transition "
                    + n
                    + " leaves '"
                    + from
                    + "', the one before went to '"
                    + previousTo
                    + "'"));
      } else if (entry != null && !Objects.equals(from, entry.get("p"))) {
        found.add(
            violation(
                Violation.Kind.HISTORY_GAP,
                w,
                "transition "
                    + n
                    + " leaves '"
                    + from
                    + "', entry "
                    + n
                    + " is '"
                    + entry.get("p")
                    + "'"));
      }
      previousTo = text(t, "t");
      if (n == entries && previousTo != null) {
        found.add(
            violation(
                Violation.Kind.HISTORY_GAP,
                w,
                "the last transition goes to '" + previousTo + "', not to the end"));
      }
    }
    w.ttlMillis()
        .forEach(
            (key, ttl) -> {
              if (ttl < 0) {
                found.add(
                    violation(
                        Violation.Kind.NO_RETENTION, w, "key " + key + " has no time to live"));
              }
            });
    return found;
  }

  /** The transition lines, each once: a second line for the same entry is a duplicate. */
  private static List<JsonNode> transitions(StoredWorkflow w, List<Violation> found) {
    List<JsonNode> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String line : w.history()) {
      JsonNode t;
      try {
        t = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        found.add(violation(Violation.Kind.HISTORY_GAP, w, "unreadable history line " + line));
        continue;
      }
      if (!t.has("j")) {
        continue; // not a transition
      }
      if (!seen.add(text(t, "f") + "@" + t.path("a").asLong())) {
        found.add(violation(Violation.Kind.DUPLICATE_TRANSITION, w, "recorded twice: " + line));
        continue;
      }
      out.add(t);
    }
    return out;
  }

  private void checkEntry(
      StoredWorkflow w, int n, Map<String, String> entry, JsonNode t, List<Violation> found) {
    String phase = entry.get("p");
    String where = "entry " + n + " ('" + phase + "')";
    if (!"0".equals(entry.get("o")) || entry.get("c") == null) {
      found.add(
          violation(
              Violation.Kind.OPEN_ENTRY,
              w,
              where + " has " + entry.get("o") + " open jobs, closed at " + entry.get("c")));
    }
    int jobs = Integer.parseInt(entry.getOrDefault("n", "0"));
    Integer planned = fanOut.get(phase);
    if (planned != null && jobs != planned) {
      found.add(
          violation(
              Violation.Kind.JOB_COUNT,
              w,
              where + " has " + jobs + " jobs, its phase fans out " + planned));
    }
    int ended = 0;
    for (int i = 0; i < jobs; i++) {
      String s = entry.getOrDefault("s" + i, "?");
      if (s.startsWith("S") || s.startsWith("F") || s.startsWith("K")) {
        ended++;
      }
    }
    if (ended != jobs) {
      found.add(
          violation(
              Violation.Kind.JOB_COUNT, w, where + ": " + ended + " of " + jobs + " jobs ended"));
    }
    if (t != null) {
      JsonNode c = t.path("j");
      int total = c.path(0).asInt(-1);
      int counted = c.path(1).asInt() + c.path(2).asInt() + c.path(3).asInt();
      if (total != jobs || counted != jobs) {
        found.add(
            violation(
                Violation.Kind.JOB_COUNT,
                w,
                where + " has " + jobs + " jobs, its transition counts " + c));
      }
    }
  }

  private static Violation violation(Violation.Kind kind, StoredWorkflow w, String detail) {
    return new Violation(kind, w.id(), detail);
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
