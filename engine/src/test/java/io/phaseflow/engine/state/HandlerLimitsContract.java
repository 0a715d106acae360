package io.phaseflow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.state.AttemptSteps.Attempt;
import io.phaseflow.engine.state.AttemptSteps.Deadline;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every backend's {@link HandlerLimits} and {@link AttemptSteps#defer} must do (run by both
 * backends through {@link WorkflowStepsContract}). Each test limits a handler named after its
 * workflow id, so tests sharing a store never share a limit. Times are given, not waited for.
 */
abstract class HandlerLimitsContract extends WorkflowControlContract {
  private static final long T = 1_000_000;

  private HandlerLimits limits() {
    return store.limits();
  }

  private HandlerLimit concurrent(int max) {
    HandlerLimit l = new HandlerLimit("L" + id, 1, max, 0);
    limits().set(l);
    return l;
  }

  private static String member(int n) {
    return "w|1|" + n + "|1";
  }

  private HandlerLimits.Usage usage(long now) {
    return limits().usage(now).stream()
        .filter(u -> u.limit().handler().equals("L" + id))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aLimitIsSetListedReplacedAndCleared() {
    HandlerLimit l = concurrent(2);
    assertThat(limits().all()).contains(l);
    HandlerLimit replaced = new HandlerLimit("L" + id, 1, 3, 50);
    limits().set(replaced);
    assertThat(limits().all()).contains(replaced).doesNotContain(l);
    assertThat(limits().clear("L" + id, 1)).isTrue();
    assertThat(limits().all()).doesNotContain(replaced);
    assertThat(limits().clear("L" + id, 1)).as("cleared twice").isFalse();
  }

  @Test
  void leasesAreTakenUpToTheMaxThenTheNextIsDeferredUntilItsRetryTime() {
    HandlerLimit l = concurrent(2);
    assertThat(limits().take(l, member(0), T + 1000, T, T + 100).taken()).isTrue();
    assertThat(limits().take(l, member(1), T + 1000, T, T + 100).taken()).isTrue();
    LeaseRules.Decision third = limits().take(l, member(2), T + 1000, T, T + 150);
    assertThat(third.taken()).isFalse();
    assertThat(third.dueAt()).isEqualTo(T + 150);
    assertThat(usage(T)).isEqualTo(new HandlerLimits.Usage(l, 2, 1));
  }

  @Test
  void takingALeaseAgainForTheSameAttemptChangesNothing() {
    HandlerLimit l = concurrent(1);
    assertThat(limits().take(l, member(0), T + 1000, T, T + 100).taken()).isTrue();
    assertThat(limits().take(l, member(0), T + 1000, T + 10, T + 110).taken())
        .as("a redelivered dispatch of the attempt that holds the lease")
        .isTrue();
    assertThat(usage(T + 10).leases()).isEqualTo(1);
  }

  @Test
  void anExpiredLeaseIsDroppedSoADeadProcessFreesItsPlaceAtTheDeadline() {
    HandlerLimit l = concurrent(1);
    assertThat(limits().take(l, member(0), T + 1000, T, T + 100).taken()).isTrue();
    assertThat(limits().take(l, member(1), T + 2000, T + 999, T + 1100).taken()).isFalse();
    assertThat(limits().take(l, member(1), T + 2000, T + 1000, T + 1100).taken()).isTrue();
    assertThat(usage(T + 1000).leases()).isEqualTo(1);
  }

  @Test
  void releasingFreesTheLeaseAndExtendingMovesItsExpiry() {
    HandlerLimit l = concurrent(1);
    limits().take(l, member(0), T + 1000, T, T + 100);
    limits().extend(l, member(0), T + 5000);
    assertThat(limits().take(l, member(1), T + 2000, T + 3000, T + 3100).taken())
        .as("the heartbeat moved the lease past T + 3000")
        .isFalse();
    limits().release(l, member(0));
    assertThat(limits().take(l, member(1), T + 4000, T + 3000, T + 3100).taken()).isTrue();
    limits().release(l, member(9)); // a lease nobody holds: nothing happens
    assertThat(usage(T + 3000).leases()).isEqualTo(1);
  }

  @Test
  void theRateLimitSpacesDispatchesByItsInterval() {
    HandlerLimit l = new HandlerLimit("L" + id, 1, 0, 10); // one per 100 ms
    limits().set(l);
    assertThat(limits().take(l, member(0), T + 9000, T, T + 1).taken()).isTrue();
    LeaseRules.Decision next = limits().take(l, member(1), T + 9000, T + 30, T + 31);
    assertThat(next.taken()).isFalse();
    assertThat(next.dueAt()).isEqualTo(T + 100);
    assertThat(limits().take(l, member(1), T + 9000, T + 100, T + 101).taken()).isTrue();
  }

  @Test
  void aDeferredAttemptWaitsInTheDueSetAsTheSameAttemptWithoutADeadline() {
    start(List.of(job(0, "H"), job(1, "H")));
    Attempt first = new Attempt(id, 1, 0, 1);
    assertThat(store.attempts().defer(first, T + 200)).isTrue();
    assertThat(store.attempts().defer(new Attempt(id, 1, 1, 2), T + 200))
        .as("not the current attempt")
        .isFalse();

    assertThat(due(T + 199)).isEmpty();
    assertThat(due(T + 200)).containsExactly(first);
    assertThat(expired(T + 100_000)).as("no deadline while deferred").isEmpty();
    assertThat(store.job(id, 1, 0).orElseThrow().attempt()).as("no new attempt").isEqualTo(1);

    assertThat(store.attempts().release(first, T + 200, T + 5000)).isTrue();
    assertThat(expired(T + 5000)).containsExactly(first);
  }

  @Test
  void deferringAReleasedAttemptTakesItsDeadlineBack() {
    start(List.of(job(0, "H")));
    Attempt first = new Attempt(id, 1, 0, 1);
    store.attempts().arm(id, 1, List.of(new Deadline(0, 1, T + 1000)));
    assertThat(store.attempts().defer(first, T + 200)).isTrue();
    assertThat(expired(T + 100_000)).isEmpty();
    assertThat(due(T + 200)).containsExactly(first);
  }

  private List<Attempt> due(long now) {
    return store.attempts().due(now, 1000).stream().filter(a -> a.workflowId().equals(id)).toList();
  }

  private List<Attempt> expired(long now) {
    return store.attempts().expired(now, 1000).stream()
        .filter(a -> a.workflowId().equals(id))
        .toList();
  }
}
