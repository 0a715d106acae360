package io.phaseflow.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import java.math.BigDecimal;

/**
 * Validates {@code data.payments}, an array of {@code {"id", "amount"}}. A missing id or a missing,
 * non-numeric or non-positive amount fails the job for good, naming the payment: retrying cannot
 * fix the data. Output {@code {"valid": n, "total", "payments": [...]}}.
 */
public final class PaymentValidator implements Handler {

  @Override
  public String name() {
    return "PaymentValidator";
  }

  @Override
  public JobResult process(Job job) {
    JsonNode payments = Json.at(job.data(), "payments");
    if (!payments.isArray()) {
      throw Json.badInput(job, "data.payments must be an array of {id, amount}, got " + payments);
    }
    BigDecimal total = BigDecimal.ZERO;
    ArrayNode valid = Json.array();
    for (int i = 0; i < payments.size(); i++) {
      JsonNode payment = payments.get(i);
      JsonNode id = payment.path("id");
      JsonNode amount = payment.path("amount");
      String where = "data.payments[" + i + "]";
      if (!id.isValueNode() || id.isNull()) {
        throw Json.badInput(job, where + " has no id: " + payment);
      }
      if (!amount.isNumber()) {
        throw Json.badInput(
            job, "payment " + id.asText() + " (" + where + ") has no numeric amount: " + payment);
      }
      if (amount.decimalValue().signum() <= 0) {
        throw Json.badInput(
            job,
            "payment "
                + id.asText()
                + " ("
                + where
                + ") has amount "
                + amount
                + "; amounts must be positive");
      }
      total = total.add(amount.decimalValue());
      valid.add(payment);
    }
    ObjectNode out = Json.object().put("valid", valid.size()).put("total", total);
    out.set("payments", valid);
    return JobResult.success(out);
  }
}
