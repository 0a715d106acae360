package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The waits of a process waiting for its servers, as a table. */
class BackoffTest {

  @ParameterizedTest(name = "after attempt {1} at {2} with timeout {0}: {3}")
  @CsvSource({
    // timeout, failed attempt, elapsed, next wait (empty: give up)
    "forever,  1, PT0S,      PT0.5S",
    "forever,  2, PT0.5S,    PT1S",
    "forever,  3, PT1.5S,    PT2S",
    "forever,  4, PT3.5S,    PT4S",
    "forever,  5, PT7.5S,    PT8S",
    "forever,  6, PT15.5S,   PT10S",
    "forever,  7, PT25.5S,   PT10S",
    "forever, 40, PT8H,      PT10S",
    "forever, 10000, PT100H, PT10S",
    "PT5M,     1, PT0S,      PT0.5S",
    "PT5M,    30, PT4M55S,   PT5S",
    "PT5M,    30, PT4M59.5S, PT0.5S",
    "PT5M,    31, PT5M,      ",
    "PT5M,    31, PT6M,      ",
    "PT1S,     1, PT0.2S,    PT0.5S",
    "PT1S,     2, PT0.7S,    PT0.3S",
    "PT1S,     3, PT1S,      ",
  })
  void waitsDoubleFromHalfASecondToTenSecondsUntilTheTimeout(
      String timeout, int failed, Duration elapsed, Duration expected) {
    Backoff backoff =
        timeout.equals("forever") ? Backoff.FOREVER : Backoff.upTo(Duration.parse(timeout));

    assertThat(backoff.delayAfter(failed, elapsed)).isEqualTo(Optional.ofNullable(expected));
  }

  @ParameterizedTest
  @CsvSource({"PT0.5S, 500 ms", "PT2S, 2 s", "PT1.5S, 1.5 s", "PT10S, 10 s", "PT0S, 0 ms"})
  void logLinesShowWaitsShortly(Duration d, String shown) {
    assertThat(Backoff.show(d)).isEqualTo(shown);
  }
}
