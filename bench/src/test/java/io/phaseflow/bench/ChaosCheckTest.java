package io.phaseflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The run-wide checks: nothing lost, nothing left unstarted, no dead letters. */
class ChaosCheckTest {
  private final ChaosCheck check = new ChaosCheck(new WorkflowChecker(ChaosRun.FAN_OUT));

  private static Optional<StoredWorkflow> read(String id) {
    return switch (id) {
      case "w1" -> Optional.of(WorkflowCheckerTest.good());
      case "unreported" ->
          Optional.of(WorkflowCheckerTest.with(WorkflowCheckerTest.good(), "s", "R"));
      default -> Optional.empty();
    };
  }

  @Test
  void aStartedWorkflowMissingFromRedisIsLost() {
    check.workflows(2, List.of("w1", "gone"), Set.of("w1"), ChaosCheckTest::read);

    assertThat(check.violations())
        .extracting(Violation::kind, Violation::workflow)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Violation.Kind.LOST, "gone"));
    assertThat(check.stored()).isEqualTo(1);
    assertThat(check.succeeded()).isEqualTo(1);
    assertThat(check.jobs()).isEqualTo(21);
  }

  @Test
  void aStoredWorkflowWhoseStartThrewIsCheckedToo() {
    check.workflows(1, List.of("w1"), Set.of("w1", "unreported"), ChaosCheckTest::read);

    assertThat(check.violations())
        .extracting(Violation::kind)
        .containsExactly(Violation.Kind.NOT_FINAL);
    assertThat(check.running()).isEqualTo(1);
  }

  @Test
  void startsThatNeverReturnedAreAViolation() {
    check.workflows(3, List.of("w1"), Set.of("w1"), ChaosCheckTest::read);

    assertThat(check.violations())
        .extracting(Violation::kind)
        .containsExactly(Violation.Kind.NOT_STARTED);
  }

  @Test
  void messagesInAnyDeadLetterQueueAreAViolation() {
    check.deadLetters(
        Map.of(
            "phaseflow.dead-letter", 0L,
            "ns.phaseflow.dead-letter", 2L,
            "phaseflow.job-finished", 5L));

    assertThat(check.violations())
        .extracting(Violation::kind, Violation::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Violation.Kind.DEAD_LETTERS, "queue ns.phaseflow.dead-letter holds 2 message(s)"));
    assertThat(check.deadLetterMessages()).isEqualTo(2);
  }
}
