package io.phaseflow.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Combines the outputs of its parent import tasks ({@code job.inputs()}, keyed by task name) into
 * one report: {@code {"records", "total", "by_task": {"Task": {"source", "records", "total"}},
 * "report"}}.
 */
public final class GenReport implements Handler {

  @Override
  public String name() {
    return "GenReport";
  }

  @Override
  public JobResult process(Job job) {
    ObjectNode byTask = Json.object();
    long records = 0;
    BigDecimal total = BigDecimal.ZERO;
    JsonNode inputs = job.inputs() == null ? Json.object() : job.inputs();
    for (Map.Entry<String, JsonNode> parent : inputs.properties()) {
      // A task run per element (for_each) gives the list of its elements' outputs: add them up.
      JsonNode out = parent.getValue().isArray() ? sum(job, parent) : parent.getValue();
      if (!out.path("records").isNumber() || !out.path("total").isNumber()) {
        throw Json.badInput(
            job, "parent " + parent.getKey() + " gave no {records, total} import output: " + out);
      }
      byTask.set(parent.getKey(), out);
      records += out.get("records").asLong();
      total = total.add(out.get("total").decimalValue());
    }
    if (byTask.isEmpty()) {
      // Running with nothing imported would report zeros as if they were real.
      throw Json.badInput(job, "no parent import outputs in inputs; make it depend on the imports");
    }
    ObjectNode report = Json.object().put("records", records).put("total", total);
    report.set("by_task", byTask);
    report.put(
        "report",
        records + " record(s) from " + byTask.size() + " import(s), total amount " + total);
    return JobResult.success(report);
  }

  private static JsonNode sum(Job job, Map.Entry<String, JsonNode> parent) {
    long records = 0;
    BigDecimal total = BigDecimal.ZERO;
    for (JsonNode out : parent.getValue()) {
      if (!out.path("records").isNumber() || !out.path("total").isNumber()) {
        throw Json.badInput(
            job,
            "parent "
                + parent.getKey()
                + " ran per element, and an element gave no {records, total} import output: "
                + out);
      }
      records += out.get("records").asLong();
      total = total.add(out.get("total").decimalValue());
    }
    return Imports.output(parent.getKey(), (int) records, total);
  }
}
