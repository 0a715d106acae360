package io.phaseflow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.plan.JobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which entry a redrive runs again and which jobs it keeps, as tables: pure, no server. */
class RedriveRulesTest {

  /**
   * Entries as {@code phase!} (failed) or {@code phase} (succeeded), first to last; the expected
   * entry number, or 0 for none.
   */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "a b!, 2", // failed in b, no error edge
    "a b! error, 2", // error edge from b into a final error phase that ran fine
    "a b! error!, 2", // the error phase failed too: still the phase whose edge was taken
    "a!, 1", // the first phase failed without an error edge
    "a! fix b!, 3", // recovered from a, then b failed without an error edge
    "a! fix b done, 1", // recovered, ended in a success phase: the error edge made it fail
    "a b c, 0", // nothing failed: it stopped at its transition limit
    "'', 0",
  })
  void target(String entries, int expected) {
    assertThat(RedriveRules.target(entries(entries)).map(EntryRecord::entry).orElse(0))
        .isEqualTo(expected);
  }

  /** Earlier jobs as status letters by index (S, F, K), planned specs the same unless changed. */
  @ParameterizedTest(name = "{0} planned {1} -> carried {2}")
  @CsvSource({
    "S F K, 3, 0", // succeeded keep their outputs; failed and skipped run
    "S S S, 3, 0 1 2",
    "F F, 2, ''",
    "S S, 3, 0 1", // a new job (for_each grew) runs
    "S S S, 2, 0 1", // a job planned no more is not carried
  })
  void carried(String earlier, int planned, String expected) {
    List<JobRecord> before = new ArrayList<>();
    String[] letters = earlier.split(" ");
    for (int i = 0; i < letters.length; i++) {
      JobStatus s =
          switch (letters[i]) {
            case "S" -> JobStatus.SUCCEEDED;
            case "F" -> JobStatus.FAILED;
            default -> JobStatus.SKIPPED;
          };
      before.add(new JobRecord(spec(i, "p"), s, 1, s == JobStatus.SUCCEEDED ? out(i) : null, null));
    }
    List<JobSpec> specs = new ArrayList<>();
    for (int i = 0; i < planned; i++) {
      specs.add(spec(i, "p"));
    }

    Map<Integer, JsonNode> carried = RedriveRules.carried(before, specs);

    List<Integer> want =
        expected.isBlank()
            ? List.of()
            : java.util.Arrays.stream(expected.split(" ")).map(Integer::valueOf).toList();
    assertThat(carried).containsOnlyKeys(want);
    want.forEach(i -> assertThat(carried.get(i)).isEqualTo(out(i)));
  }

  @org.junit.jupiter.api.Test
  void aJobWhosePayloadChangedRunsAgain() {
    List<JobRecord> before =
        List.of(new JobRecord(spec(0, "old"), JobStatus.SUCCEEDED, 1, out(0), null));
    assertThat(RedriveRules.carried(before, List.of(spec(0, "new")))).isEmpty();
    assertThat(RedriveRules.carried(before, List.of(spec(0, "old")))).containsOnlyKeys(0);
  }

  @org.junit.jupiter.api.Test
  void theParentsOfAForEachTaskThatRunsAgainRunAgainSoThatItExpands() {
    JobSpec split = spec(0, "p");
    JobSpec gate =
        new JobSpec(
            1,
            "count",
            "Count",
            1,
            3,
            JsonNodeFactory.instance.nullNode(),
            List.of(0),
            io.phaseflow.engine.definition.JobPolicy.DEFAULT,
            io.phaseflow.engine.plan.Fanout.pending("/outputs/H/items", List.of(0)));
    List<JobRecord> failedElement =
        List.of(
            new JobRecord(split, JobStatus.SUCCEEDED, 1, out(0), null),
            new JobRecord(gate.expandedAt(2, 1), JobStatus.SKIPPED, 1, null, null));
    assertThat(RedriveRules.carried(failedElement, List.of(split, gate))).isEmpty();

    List<JobRecord> gateDone =
        List.of(
            new JobRecord(split, JobStatus.SUCCEEDED, 1, out(0), null),
            new JobRecord(gate.expandedAt(2, 1), JobStatus.SUCCEEDED, 1, out(1), null));
    assertThat(RedriveRules.carried(gateDone, List.of(split, gate))).containsOnlyKeys(0, 1);
  }

  private static JobSpec spec(int i, String payload) {
    return new JobSpec(
        i, "H", "H", 1, 3, JsonNodeFactory.instance.textNode(payload + i), List.of());
  }

  private static JsonNode out(int i) {
    return JsonNodeFactory.instance.numberNode(10 + i);
  }

  private static List<EntryRecord> entries(String text) {
    List<EntryRecord> out = new ArrayList<>();
    if (text.isBlank()) {
      return out;
    }
    for (String e : text.split(" ")) {
      boolean failed = e.endsWith("!");
      String phase = failed ? e.substring(0, e.length() - 1) : e;
      out.add(
          EntryRecord.of(
              out.size() + 1, phase, 1, 2, failed ? "job 0 (H): boom" : null, List.of()));
    }
    return out;
  }
}
