package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisConnectionException;
import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.ServerUnavailable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The start-up loop without servers or sleeping: what it retries, logs and gives up on. */
class ServerWaitStepsTest {
  private final StringWriter log = new StringWriter();
  private final List<Duration> slept = new ArrayList<>();

  private ServerWait wait(Backoff backoff) {
    return new ServerWait(
        backoff,
        "engine",
        "Redis at redis://r:1/0",
        "RabbitMQ at amqp://q:2/",
        new PrintWriter(log),
        slept::add);
  }

  @Test
  void retriesAServerFailureLoggingOneLinePerAttemptUntilTheStepSucceeds() throws Exception {
    AtomicInteger calls = new AtomicInteger();

    String result =
        wait(Backoff.FOREVER)
            .until(
                () -> {
                  if (calls.incrementAndGet() < 4) {
                    throw new RedisConnectionException("Connection refused");
                  }
                  return "up";
                });

    assertThat(result).isEqualTo("up");
    assertThat(slept)
        .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(log.toString().lines())
        .containsExactly(
            "phaseflow engine: waiting for Redis at redis://r:1/0: attempt 1 failed (Connection refused); next in 500 ms",
            "phaseflow engine: waiting for Redis at redis://r:1/0: attempt 2 failed (Connection refused); next in 1 s",
            "phaseflow engine: waiting for Redis at redis://r:1/0: attempt 3 failed (Connection refused); next in 2 s");
  }

  @Test
  void aFailureThatIsNotAServersEndsItAtOnce() {
    PhaseflowException refused = new RejectedInput("Redis refused the password");

    assertThatThrownBy(
            () ->
                wait(Backoff.FOREVER)
                    .until(
                        () -> {
                          throw refused;
                        }))
        .isSameAs(refused);
    assertThat(slept).isEmpty();
  }

  @Test
  void givesUpAtTheTimeoutAsARetryableFailure() {
    assertThatThrownBy(
            () ->
                wait(Backoff.upTo(Duration.ZERO))
                    .until(
                        () -> {
                          throw new ServerUnavailable("publish not confirmed");
                        }))
        .isInstanceOfSatisfying(PhaseflowException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageStartingWith("gave up waiting for RabbitMQ at amqp://q:2/ after 1 attempt over")
        .hasMessageContaining("--connect-timeout");
  }
}
