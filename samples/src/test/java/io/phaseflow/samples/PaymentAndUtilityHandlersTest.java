package io.phaseflow.samples;

import static io.phaseflow.samples.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.handlers.JobFailedException;
import org.junit.jupiter.api.Test;

class PaymentAndUtilityHandlersTest {
  private final PaymentValidator validator = new PaymentValidator();
  private final PaymentSettler settler = new PaymentSettler();

  @Test
  void validatorPassesPositivePaymentsOn() throws Exception {
    JsonNode out =
        job(validator)
            .data(
                "{\"payments\": [{\"id\": \"p-1\", \"amount\": 40}, {\"id\": 2, \"amount\": 9.99}]}")
            .runOn(validator);

    assertThat(out.get("valid").asInt()).isEqualTo(2);
    assertThat(out.get("total").decimalValue()).isEqualByComparingTo("49.99");
    assertThat(out.get("payments")).hasSize(2);
  }

  @Test
  void validatorFailsForGoodNamingTheNonPositivePayment() throws Exception {
    JobFailedException negative =
        job(validator)
            .data(
                "{\"payments\": [{\"id\": \"p-1\", \"amount\": 40},"
                    + " {\"id\": \"p-2\", \"amount\": -15.00}]}")
            .failOn(validator);
    JobFailedException zero =
        job(validator).data("{\"payments\": [{\"id\": \"z\", \"amount\": 0}]}").failOn(validator);

    assertThat(negative.retryable()).isFalse();
    assertThat(negative.getMessage())
        .contains("payment p-2 (data.payments[1]) has amount -15.0", "must be positive");
    assertThat(zero.retryable()).isFalse();
    assertThat(zero.getMessage()).contains("payment z", "amount 0");
  }

  @Test
  void validatorFailsForGoodOnMalformedPayments() throws Exception {
    assertThat(job(validator).data("{}").failOn(validator).getMessage())
        .contains("data.payments must be an array");
    assertThat(job(validator).data("{\"payments\": [{\"amount\": 1}]}").failOn(validator))
        .hasMessageContaining("data.payments[0] has no id");
    assertThat(
            job(validator)
                .data("{\"payments\": [{\"id\": \"q\", \"amount\": \"1\"}]}")
                .failOn(validator))
        .hasMessageContaining("payment q")
        .hasMessageContaining("no numeric amount");
  }

  @Test
  void settlerSettlesWhatTheValidatorPassed() throws Exception {
    JsonNode validated =
        job(validator)
            .data(
                "{\"payments\": [{\"id\": \"a\", \"amount\": 5}, {\"id\": \"b\", \"amount\": 7.5}]}")
            .runOn(validator);
    ObjectNode inputs = Json.object();
    inputs.putArray("PaymentValidator").add(validated);

    JsonNode out = job(settler).inputs(inputs).runOn(settler);

    assertThat(out.get("settled").asInt()).isEqualTo(2);
    assertThat(out.get("total").decimalValue()).isEqualByComparingTo("12.5");
  }

  @Test
  void settlerRefusesToRunWithoutValidation() throws Exception {
    JobFailedException e =
        job(settler).data("{\"payments\": [{\"id\": 1, \"amount\": 1}]}").failOn(settler);

    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("no PaymentValidator output");
  }

  @Test
  void sleeperSleepsThePayloadOrDataTime() throws Exception {
    Sleeper sleeper = new Sleeper();
    long started = System.nanoTime();

    JsonNode fromPayload = job(sleeper).payload("{\"ms\": 30}").runOn(sleeper);
    JsonNode fromData = job(sleeper).payload("\"Node1\"").data("{\"sleep_ms\": 5}").runOn(sleeper);
    JsonNode byDefault = job(sleeper).runOn(sleeper);

    assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(35_000_000L);
    assertThat(fromPayload.get("slept_ms").asInt()).isEqualTo(30);
    assertThat(fromData.get("slept_ms").asInt()).isEqualTo(5);
    assertThat(byDefault.get("slept_ms").asInt()).isZero();
  }

  @Test
  void sleeperFailsForGoodOnANonsenseTime() throws Exception {
    Sleeper sleeper = new Sleeper();

    assertThat(job(sleeper).payload("{\"ms\": -1}").failOn(sleeper))
        .hasMessageContaining("must not be negative");
    assertThat(job(sleeper).data("{\"sleep_ms\": \"soon\"}").failOn(sleeper).retryable()).isFalse();
  }

  @Test
  void noopSucceedsWithNullOutput() throws Exception {
    Noop noop = new Noop();

    assertThat(job(noop).runOn(noop)).isEqualTo(NullNode.getInstance());
  }
}
