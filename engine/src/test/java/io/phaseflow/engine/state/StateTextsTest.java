package io.phaseflow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The texts the state records, each built in one place. */
class StateTextsTest {
  @Test
  void theStartedLineNamesTheFirstPhaseAndNoTimeInIt() {
    TransitionRecord started = TransitionRecord.started("search", 1234);

    assertThat(started.from()).isNull();
    assertThat(started.to()).isEqualTo("search");
    assertThat(started.reason()).isEqualTo(TransitionReason.STARTED);
    assertThat(started.error()).isNull();
    assertThat(started.enteredAt()).isEqualTo(1234);
    assertThat(started.at()).isEqualTo(1234);
    assertThat(started.durationMillis()).isZero();
    assertThat(started.jobs()).isEqualTo(JobCounts.NONE);
    assertThat(started.byHandler()).isEmpty();
  }

  @Test
  void theFirstErrorNamesTheJobThenItsError() {
    assertThat(EntryRecord.firstError("job 3 (Resize)", "disk full"))
        .isEqualTo("job 3 (Resize): disk full");
  }
}
