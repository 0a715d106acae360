package io.phaseflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The chaos check, as a table: a W1 workflow as Redis holds it, then corrupted one way each. */
class WorkflowCheckerTest {
  private static final WorkflowChecker CHECKER =
      new WorkflowChecker(Map.of("a", 10, "b", 10, "c", 1));

  static Stream<Arguments> fixtures() {
    return Stream.of(
        row("a finished W1 workflow", w -> w),
        row(
            "a control line in the history is left aside",
            w -> withHistory(w, 1, "{\"k\":\"pause\",\"at\":5}")),
        row("still running", w -> with(w, "s", "R"), Violation.Kind.NOT_FINAL),
        row(
            "a transition missing in the middle: a gap",
            w -> withoutHistory(w, 1),
            Violation.Kind.MISSING_TRANSITION,
            Violation.Kind.JOB_COUNT, // entry b's transition is now c's, with c's one job
            Violation.Kind.HISTORY_GAP),
        row(
            "the last transition missing",
            w -> withoutHistory(w, 2),
            Violation.Kind.MISSING_TRANSITION),
        row(
            "a transition recorded twice",
            w -> withHistory(w, 1, w.history().get(0)),
            Violation.Kind.DUPLICATE_TRANSITION),
        row(
            "a transition to the wrong phase",
            w -> withHistoryLine(w, 0, line("a", "c", 1, 10)),
            Violation.Kind.HISTORY_GAP),
        row(
            "a job counted twice in the transition",
            w -> withHistoryLine(w, 1, line("b", "c", 2, 11)),
            Violation.Kind.JOB_COUNT),
        row(
            "an entry with fewer jobs than its fan-out",
            w -> withEntry(w, 2, entry("b", 9)),
            Violation.Kind.JOB_COUNT,
            Violation.Kind.JOB_COUNT),
        row("a job never ended", w -> withEntryField(w, 1, "s3", "R1"), Violation.Kind.JOB_COUNT),
        row(
            "an entry's barrier below zero",
            w -> withEntryField(w, 3, "o", "-1"),
            Violation.Kind.OPEN_ENTRY),
        row("an entry missing", w -> withoutEntry(w, 2), Violation.Kind.MISSING_ENTRY),
        row(
            "a key without retention",
            w -> withTtl(w, "pf:{w1}:e:2", -1L),
            Violation.Kind.NO_RETENTION));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void findsExactlyTheNamedViolations(
      String name, StoredWorkflow workflow, List<Violation.Kind> expected) {
    assertThat(CHECKER.check(workflow))
        .extracting(Violation::kind)
        .containsExactlyElementsOf(expected);
  }

  private static Arguments row(
      String name, UnaryOperator<StoredWorkflow> change, Violation.Kind... expected) {
    return Arguments.of(name, change.apply(good()), List.of(expected));
  }

  /** W1 as the engine leaves it: a (10 jobs) → b (10) → c (1, final), every key with a TTL. */
  static StoredWorkflow good() {
    Map<String, String> wf = new LinkedHashMap<>();
    wf.putAll(Map.of("d", "w1", "v", "1", "p", "c", "e", "3", "s", "S", "c", "1", "u", "9"));
    Map<Integer, Map<String, String>> entries = new LinkedHashMap<>();
    entries.put(1, entry("a", 10));
    entries.put(2, entry("b", 10));
    entries.put(3, entry("c", 1));
    Map<String, Long> ttls = new LinkedHashMap<>();
    for (String key :
        List.of("pf:{w1}", "pf:{w1}:h", "pf:{w1}:e:1", "pf:{w1}:e:2", "pf:{w1}:e:3")) {
      ttls.put(key, 604_800_000L);
    }
    return new StoredWorkflow(
        "w1",
        wf,
        List.of(line("a", "b", 1, 10), line("b", "c", 2, 10), line("c", null, 3, 1)),
        entries,
        ttls);
  }

  private static Map<String, String> entry(String phase, int jobs) {
    Map<String, String> e = new LinkedHashMap<>(Map.of("p", phase, "a", "1", "c", "2", "o", "0"));
    e.put("n", Integer.toString(jobs));
    for (int i = 0; i < jobs; i++) {
      e.put("s" + i, "S1");
    }
    return e;
  }

  private static String line(String from, String to, long entered, int jobs) {
    return "{\"f\":\""
        + from
        + "\""
        + (to == null ? "" : ",\"t\":\"" + to + "\"")
        + ",\"r\":\"succeeded\",\"a\":"
        + entered
        + ",\"at\":"
        + (entered + 1)
        + ",\"j\":["
        + jobs
        + ","
        + jobs
        + ",0,0]}";
  }

  static StoredWorkflow with(StoredWorkflow w, String field, String value) {
    Map<String, String> wf = new LinkedHashMap<>(w.workflow());
    wf.put(field, value);
    return new StoredWorkflow(w.id(), wf, w.history(), w.entries(), w.ttlMillis());
  }

  private static StoredWorkflow history(StoredWorkflow w, List<String> lines) {
    return new StoredWorkflow(w.id(), w.workflow(), lines, w.entries(), w.ttlMillis());
  }

  private static StoredWorkflow withHistory(StoredWorkflow w, int at, String line) {
    List<String> lines = new ArrayList<>(w.history());
    lines.add(at, line);
    return history(w, lines);
  }

  private static StoredWorkflow withHistoryLine(StoredWorkflow w, int at, String line) {
    List<String> lines = new ArrayList<>(w.history());
    lines.set(at, line);
    return history(w, lines);
  }

  private static StoredWorkflow withoutHistory(StoredWorkflow w, int at) {
    List<String> lines = new ArrayList<>(w.history());
    lines.remove(at);
    return history(w, lines);
  }

  private static StoredWorkflow withEntry(StoredWorkflow w, int n, Map<String, String> entry) {
    Map<Integer, Map<String, String>> entries = new LinkedHashMap<>(w.entries());
    if (entry == null) {
      entries.remove(n);
    } else {
      entries.put(n, entry);
    }
    return new StoredWorkflow(w.id(), w.workflow(), w.history(), entries, w.ttlMillis());
  }

  private static StoredWorkflow withoutEntry(StoredWorkflow w, int n) {
    return withEntry(w, n, null);
  }

  private static StoredWorkflow withEntryField(StoredWorkflow w, int n, String field, String v) {
    Map<String, String> entry = new LinkedHashMap<>(w.entries().get(n));
    entry.put(field, v);
    return withEntry(w, n, entry);
  }

  private static StoredWorkflow withTtl(StoredWorkflow w, String key, long ttl) {
    Map<String, Long> ttls = new LinkedHashMap<>(w.ttlMillis());
    ttls.put(key, ttl);
    return new StoredWorkflow(w.id(), w.workflow(), w.history(), w.entries(), ttls);
  }
}
