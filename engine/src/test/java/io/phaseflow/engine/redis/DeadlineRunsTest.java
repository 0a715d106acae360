package io.phaseflow.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.redis.DeadlineRuns.Armed;
import io.phaseflow.engine.state.AttemptSteps.Deadline;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeadlineRunsTest {
  static List<Deadline> first(int from, int to, long at) {
    List<Deadline> out = new ArrayList<>();
    for (int j = from; j < to; j++) {
      out.add(new Deadline(j, 1, at, false));
    }
    return out;
  }

  static List<Deadline> concat(List<Deadline> a, List<Deadline> b) {
    List<Deadline> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("none", List.of(), List.of()),
        Arguments.of(
            "three first attempts stay apart",
            first(0, 3, 9),
            List.of(new Armed("0", 1, 9), new Armed("1", 1, 9), new Armed("2", 1, 9))),
        Arguments.of("four make a run", first(0, 4, 9), List.of(new Armed("g0-3", 1, 9))),
        Arguments.of(
            "a run stops at 64 jobs",
            first(10, 140, 9),
            List.of(
                new Armed("g10-73", 1, 9),
                new Armed("g74-137", 1, 9),
                new Armed("138", 1, 9),
                new Armed("139", 1, 9))),
        Arguments.of(
            "another deadline starts another run",
            concat(first(0, 4, 9), first(4, 8, 10)),
            List.of(new Armed("g0-3", 1, 9), new Armed("g4-7", 1, 10))),
        Arguments.of(
            "a gap in the jobs starts another run",
            concat(first(0, 4, 9), first(5, 9, 9)),
            List.of(new Armed("g0-3", 1, 9), new Armed("g5-8", 1, 9))),
        Arguments.of(
            "retries stay apart",
            List.of(
                new Deadline(0, 2, 9, false),
                new Deadline(1, 2, 9, false),
                new Deadline(2, 2, 9, false),
                new Deadline(3, 2, 9, false)),
            List.of(
                new Armed("0", 2, 9),
                new Armed("1", 2, 9),
                new Armed("2", 2, 9),
                new Armed("3", 2, 9))),
        Arguments.of(
            "attempts that heartbeat stay apart",
            List.of(
                new Deadline(0, 1, 9),
                new Deadline(1, 1, 9),
                new Deadline(2, 1, 9),
                new Deadline(3, 1, 9)),
            List.of(
                new Armed("0", 1, 9),
                new Armed("1", 1, 9),
                new Armed("2", 1, 9),
                new Armed("3", 1, 9))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void armsRunsOfFirstAttempts(String name, List<Deadline> deadlines, List<Armed> expected) {
    assertThat(DeadlineRuns.of(deadlines)).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest(name = "{0} is a run: {1}")
  @org.junit.jupiter.params.provider.CsvSource({
    "wf|3|g0-63|1, true",
    "wf|3|12|1, false",
    "g|3|12|1, false",
    "wf-g|12|7|2, false"
  })
  void tellsRunsFromAttempts(String member, boolean run) {
    assertThat(DeadlineRuns.isRun(member)).isEqualTo(run);
  }
}
