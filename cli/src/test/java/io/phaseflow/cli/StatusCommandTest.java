package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@code status --watch} writes to the terminal around the printed block. */
class StatusCommandTest {
  @Test
  void aWatchRedrawMovesUpOverThePreviousBlockAndClearsIt() {
    assertThat(StatusCommand.erase(0)).isEmpty();
    assertThat(StatusCommand.erase(12)).isEqualTo("\u001b[12F\u001b[J");
  }
}
