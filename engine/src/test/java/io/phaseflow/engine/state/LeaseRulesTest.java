package io.phaseflow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link LeaseRules} as a table: what the store holds, the limit, now; the decision. */
class LeaseRulesTest {
  private static final long NOW = 10_000;
  private static final long BUSY = NOW + 120;

  @ParameterizedTest(name = "max {0}, {1}/s, {2} live, holds {3}, arrival {4} -> {5} {6} {7}")
  @CsvSource({
    // max, per s, live, holds, arrival, taken, dueAt, new arrival
    "2, 0, 0, false, 0,     true,  0,     0", // free place
    "2, 0, 1, false, 0,     true,  0,     0",
    "2, 0, 2, false, 0,     false, 10120, 0", // full: ask again after the busy retry
    "2, 0, 3, true,  0,     true,  0,     0", // the same attempt again: never deferred
    "1, 0, 5, false, 0,     false, 10120, 0",
    "0, 10, 9, false, 0,    true,  0,     10100", // rate only: leases do not limit
    "0, 10, 0, false, 9950, true,  0,     10100", // limiter behind now: starts from now
    "0, 10, 0, false, 10000, true, 0,     10100", // due exactly now
    "0, 10, 0, false, 10040, false, 10040, 10040", // next slot in 40 ms
    "0, 3, 0, false, 10000.5, false, 10001, 10000.5", // fractional arrival rounds up
    "0, 4, 0, false, 0,     true,  0,     10250",
    "2, 10, 2, false, 0,    false, 10120, 0", // full: the rate slot is not spent
    "2, 10, 1, false, 10050, false, 10050, 10050", // place free, rate not yet
    "2, 10, 1, true, 10050, true,  0,     10050", // held: neither place nor rate asked again
  })
  void decides(
      int max,
      int perSecond,
      int live,
      boolean holds,
      double arrival,
      boolean taken,
      long dueAt,
      double newArrival) {
    HandlerLimit limit = new HandlerLimit("H", 1, max, perSecond);
    LeaseRules.Decision d =
        LeaseRules.decide(limit, new LeaseRules.Held(live, holds, arrival), NOW, BUSY);
    assertThat(d).isEqualTo(new LeaseRules.Decision(taken, dueAt, newArrival));
  }
}
