package io.phaseflow.cli.print;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProgressBarTest {
  @Test
  void fillsInProportionToTheJobsDone() {
    assertThat(ProgressBar.of(3, 6)).isEqualTo("[##########----------]");
    assertThat(ProgressBar.of(0, 6)).isEqualTo("[--------------------]");
    assertThat(ProgressBar.of(6, 6)).isEqualTo("[####################]");
    assertThat(ProgressBar.of(1, 4, 8)).isEqualTo("[##------]");
  }

  @Test
  void isFullOnlyWhenEverythingIsDone() {
    assertThat(ProgressBar.of(999, 1000)).isEqualTo("[###################-]");
    assertThat(ProgressBar.of(1, 1000)).isEqualTo("[--------------------]");
  }

  @Test
  void keepsItsWidthWhateverTheCounts() {
    for (int total = 0; total < 30; total++) {
      for (int done = -1; done <= total + 1; done++) {
        assertThat(ProgressBar.of(done, total, 7)).hasSize(9);
      }
    }
    assertThat(ProgressBar.of(0, 0))
        .as("nothing to do is done")
        .isEqualTo("[" + "#".repeat(20) + "]");
    assertThat(ProgressBar.of(2_000_000_000, 2_000_000_000, 1)).isEqualTo("[#]");
  }

  @Test
  void refusesAZeroWidth() {
    assertThatThrownBy(() -> ProgressBar.of(1, 2, 0)).hasMessageContaining("width");
  }
}
