package io.phaseflow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransitionReasonTest {

  @ParameterizedTest
  @CsvSource({"STARTED, started", "SUCCEEDED, succeeded", "FAILED, failed"})
  void theWireTextIsTheOneStoredAndShownToday(TransitionReason reason, String wire) {
    assertThat(reason.wire()).isEqualTo(wire);
    assertThat(TransitionReason.fromWire(wire)).isEqualTo(reason);
  }

  @ParameterizedTest
  @CsvSource({"true, FAILED", "false, SUCCEEDED"})
  void anEntryEndsFailedOrSucceeded(boolean failed, TransitionReason reason) {
    assertThat(TransitionReason.of(failed)).isEqualTo(reason);
  }

  @ParameterizedTest
  @CsvSource({"Failed", "retried", "''"})
  void anUnknownStoredReasonIsNamed(String text) {
    assertThatThrownBy(() -> TransitionReason.fromWire(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining("expected one of [started, succeeded, failed");
  }
}
