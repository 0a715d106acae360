package io.phaseflow.samples;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import java.math.BigDecimal;

/**
 * Settles the payments {@code PaymentValidator} passed in the previous phase. Output {@code
 * {"settled": n, "total"}}. It reads {@code inputs.PaymentValidator}, never {@code data.payments}
 * directly, so it cannot settle a payment that was not validated.
 */
public final class PaymentSettler implements Handler {

  @Override
  public String name() {
    return "PaymentSettler";
  }

  @Override
  public JobResult process(Job job) {
    JsonNode validators = Json.at(job.inputs(), "PaymentValidator");
    if (!validators.isArray() || validators.isEmpty()) {
      throw Json.badInput(
          job, "no PaymentValidator output in inputs; run it in the phase before this one");
    }
    int settled = 0;
    BigDecimal total = BigDecimal.ZERO;
    for (JsonNode validated : validators) {
      for (JsonNode payment : validated.path("payments")) {
        settled++;
        total = total.add(payment.path("amount").decimalValue());
      }
    }
    return JobResult.success(Json.object().put("settled", settled).put("total", total));
  }
}
