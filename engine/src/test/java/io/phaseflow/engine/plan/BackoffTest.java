package io.phaseflow.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.definition.JobPolicy;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {
  private static JobPolicy backoff(long initial, long max, double multiplier, double jitter) {
    return new JobPolicy(30_000, 0, initial, max, multiplier, jitter);
  }

  @ParameterizedTest(name = "attempt {3} failed, random {4}: wait {5} ms")
  @CsvSource({
    // initial, max, multiplier, failed, random, delay
    "1000, 300000, 2, 1, 0.5, 1000",
    "1000, 300000, 2, 2, 0.5, 2000",
    "1000, 300000, 2, 3, 0.5, 4000",
    "1000, 300000, 2, 10, 0.5, 300000", // capped at max
    "1000, 300000, 3, 3, 0.5, 9000",
    "1000, 300000, 1, 5, 0.5, 1000", // constant
    "0, 0, 2, 4, 0.5, 0", // no backoff
  })
  void exponentialAndCapped(
      long initial, long max, double multiplier, int failed, double random, long delay) {
    assertThat(Backoff.delayMillis(backoff(initial, max, multiplier, 0), failed, () -> random))
        .isEqualTo(delay);
  }

  @ParameterizedTest(name = "jitter {0}, random {1}: {2} ms of 2000")
  @CsvSource({
    "0.2, 0.5, 2000",
    "0.2, 0.0, 1600", // the most down
    "0.2, 0.75, 2200",
    "0.5, 0.0, 1000",
    "0.0, 0.99, 2000", // no jitter, whatever the random
  })
  void jitterMovesTheDelayBothWays(double jitter, double random, long delay) {
    assertThat(Backoff.delayMillis(backoff(1000, 300_000, 2, jitter), 2, () -> random))
        .isEqualTo(delay);
  }

  @Test
  void jitterNeverGoesOverMax() {
    assertThat(Backoff.delayMillis(backoff(1000, 4000, 2, 0.5), 5, () -> 0.99)).isEqualTo(4000);
  }

  @Test
  void aSeededRandomGivesDelaysWithinTheJitterBand() {
    Random seeded = new Random(42);
    for (int i = 0; i < 1000; i++) {
      long d = Backoff.delayMillis(backoff(1000, 300_000, 2, 0.2), 3, seeded::nextDouble);
      assertThat(d).isBetween(3200L, 4800L);
    }
  }

  @Test
  void aHeartbeatingJobTimesOutForWantOfAHeartbeat() {
    JobSpec job =
        new JobSpec(
            0,
            "Fetch",
            "Fetch",
            1,
            2,
            JsonNodeFactory.instance.nullNode(),
            List.of(),
            new JobPolicy(7_200_000, 10_000, 1000, 60_000, 2, 0));
    assertThat(CompletionRules.timeoutError(job, 2))
        .isEqualTo("timed out: no heartbeat for 10s (attempt 2 of 2)");
  }

  @ParameterizedTest(name = "attempt {0} of {1} timed out: {2}")
  @CsvSource({
    "1, 3, retry 2 after 1000",
    "2, 3, retry 3 after 2000",
    "3, 3, record job 4 (Resize): timed out after 30s (attempt 3 of 3)",
    "1, 1, record job 4 (Resize): timed out after 30s (attempt 1 of 1)",
  })
  void aTimedOutAttemptRetriesWhileAttemptsAreLeft(int attempt, int max, String outcome) {
    // policy: timeout 30s, no heartbeat
    JobSpec job =
        new JobSpec(
            4,
            "Resize",
            "Resize",
            1,
            max,
            JsonNodeFactory.instance.nullNode(),
            List.of(),
            backoff(1000, 300_000, 2, 0.2));
    JobDecision d = CompletionRules.timedOut(job, attempt, () -> 0.5);
    String described =
        d instanceof JobDecision.Retry r
            ? "retry " + r.next() + " after " + r.delayMillis()
            : "record "
                + ((JobDecision.Record) d).label()
                + ": "
                + ((JobDecision.Record) d).result().error();
    assertThat(described).isEqualTo(outcome);
    if (d instanceof JobDecision.Record r) {
      assertThat(r.result().retryable()).isFalse();
    }
  }
}
