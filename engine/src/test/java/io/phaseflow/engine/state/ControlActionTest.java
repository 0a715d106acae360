package io.phaseflow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which control action applies to which status, as a table. */
class ControlActionTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "RUNNING, pause cancel",
    "PAUSED, resume cancel",
    "FAILED, redrive",
    "SUCCEEDED, ''",
    "CANCELED, ''",
  })
  void possibleActions(WorkflowStatus status, String expected) {
    assertThat(
            ControlAction.possible(status).stream()
                .map(ControlAction::verb)
                .collect(Collectors.joining(" ")))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} of a {1} workflow")
  @CsvSource(
      delimiter = '|',
      value = {
        "RESUME | RUNNING | cannot resume workflow w1: it is running; resume applies to [paused]"
            + " workflows, and a running one can be paused or canceled",
        "PAUSE | SUCCEEDED | cannot pause workflow w1: it is succeeded; pause applies to [running]"
            + " workflows, and a succeeded one can only be read",
        "REDRIVE | PAUSED | cannot redrive workflow w1: it is paused; redrive applies to [failed]"
            + " workflows, and a paused one can be resumed or canceled",
      })
  void refusalsSayTheStateAndWhatIsPossible(ControlAction action, WorkflowStatus s, String msg) {
    assertThat(action.refusal("w1", s)).isEqualTo(msg);
  }

  @org.junit.jupiter.api.Test
  void everyActionIsAMoveOfTheStatusTable() {
    for (ControlAction a : ControlAction.values()) {
      for (WorkflowStatus from : a.from()) {
        assertThat(WorkflowStatus.TABLE.allows(from, a.to())).as(a + " from " + from).isTrue();
      }
    }
    assertThat(
            Arrays.stream(ControlAction.values())
                .map(a -> a.reason().wire())
                .map(w -> w.toLowerCase(Locale.ROOT)))
        .containsExactly("paused", "resumed", "canceled", "redriven");
  }

  @ParameterizedTest(name = "{0} of a {1} workflow at entry 3, expecting entry {2}: {3}")
  @CsvSource({
    "PAUSE,    RUNNING,   3, APPLIES",
    "PAUSE,    RUNNING,   2, MOVED",
    "PAUSE,    PAUSED,    3, REFUSED",
    "RESUME,   PAUSED,    3, APPLIES",
    "RESUME,   RUNNING,   3, REFUSED",
    "CANCEL,   PAUSED,    3, APPLIES",
    "CANCEL,   SUCCEEDED, 3, REFUSED",
    "REDRIVE,  FAILED,    3, APPLIES",
    "REDRIVE,  FAILED,    4, MOVED",
    "REDRIVE,  CANCELED,  3, REFUSED"
  })
  void refusalComparesStatusFirstThenEntry(
      ControlAction action, WorkflowStatus status, int expected, String outcome) {
    WorkflowRecord wf = new WorkflowRecord("w1", "d", 1, null, "p", 3, status, false, 0, 0);

    Controlled refusal = action.refusal(wf, expected);

    if (outcome.equals("APPLIES")) {
      assertThat(refusal).isNull();
    } else {
      assertThat(refusal.result()).isEqualTo(Controlled.Result.valueOf(outcome));
      assertThat(refusal.status()).isEqualTo(status);
      assertThat(refusal.entry()).isEqualTo(3);
    }
  }
}
