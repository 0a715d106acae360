package io.phaseflow.samples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.handlers.Job;
import java.math.BigDecimal;

/** The output shape the import handlers share, and their amount parsing. */
final class Imports {
  private Imports() {}

  static ObjectNode output(String source, int records, BigDecimal total) {
    return Json.object().put("source", source).put("records", records).put("total", total);
  }

  /** Parses an amount exactly (money is not a double); a bad one fails for good. */
  static BigDecimal amount(Job job, String value, String where) {
    try {
      return new BigDecimal(value.strip());
    } catch (NumberFormatException e) {
      throw Json.badInput(job, where + ": amount \"" + value + "\" is not a number");
    }
  }
}
