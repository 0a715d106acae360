package io.phaseflow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phaseflow.engine.PhaseflowException;
import org.junit.jupiter.api.Test;

class WorkflowQueryTest {
  @Test
  void aLimitOutOfRangeSaysTheRange() {
    assertThatThrownBy(() -> new WorkflowQuery(null, StatusFilter.ANY, 0, null))
        .isInstanceOf(PhaseflowException.class)
        .hasMessageContaining("limit 0 is out of range; ask for 1 to 500");
    assertThatThrownBy(() -> new WorkflowQuery(null, StatusFilter.ANY, 501, null))
        .hasMessageContaining("limit 501");
  }

  @Test
  void aCursorThatNoServerGaveOutIsRefused() {
    assertThatThrownBy(() -> new WorkflowQuery(null, StatusFilter.ANY, 5, "yesterday"))
        .hasMessageContaining("cursor 'yesterday' is not one this server gave out");
    String key = ListingKey.of(1_764_000_000_000L, "mhx3k2q1-4f9zab");
    assertThat(new WorkflowQuery(null, null, 5, key).after()).isEqualTo(key);
  }

  @Test
  void listingKeysSortByTimeThenIdAndReadBack() {
    String early = ListingKey.of(999, "b");
    String late = ListingKey.of(1000, "a");
    assertThat(early).isLessThan(late);
    assertThat(ListingKey.of(1000, "a")).isLessThan(ListingKey.of(1000, "b"));
    assertThat(ListingKey.id(late)).isEqualTo("a");
    assertThat(ListingKey.createdAt(late)).isEqualTo(1000);
    assertThat(ListingKey.before(1000)).isGreaterThan(early).isLessThan(late);
  }

  @Test
  void statusFiltersParseCaseInsensitivelyAndNameTheChoicesWhenWrong() {
    assertThat(StatusFilter.parse("Running")).isEqualTo(StatusFilter.RUNNING);
    assertThat(StatusFilter.parse(null)).isEqualTo(StatusFilter.ANY);
    assertThat(StatusFilter.FINISHED.matches(WorkflowStatus.FAILED)).isTrue();
    assertThat(StatusFilter.FINISHED.matches(WorkflowStatus.RUNNING)).isFalse();
    assertThatThrownBy(() -> StatusFilter.parse("done"))
        .isInstanceOf(PhaseflowException.class)
        .hasMessage(
            "unknown state 'done'; use one of any, running, paused, succeeded, failed, canceled, finished");
  }
}
