package io.phaseflow.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import java.util.Map;

/**
 * Runs in an error phase and writes an error report as its output: the workflow, the phase, every
 * {@code error} message found in its inputs, which handlers produced output before the failure, and
 * the workflow data. It never fails: a failing error phase would hide the original failure.
 */
public final class ErrorReporter implements Handler {

  @Override
  public String name() {
    return "ErrorReporter";
  }

  @Override
  public JobResult process(Job job) {
    ObjectNode out = Json.object().put("workflow", job.workflowId()).put("phase", job.phase());
    try {
      JsonNode inputs = job.inputs() == null ? NullNode.getInstance() : job.inputs();
      ArrayNode errors = out.putArray("errors");
      inputs
          .findValues("error")
          .forEach(e -> errors.add(e.isTextual() ? e.asText() : e.toString()));
      ObjectNode produced = out.putObject("outputs");
      for (Map.Entry<String, JsonNode> entry : inputs.properties()) {
        JsonNode value = entry.getValue();
        produced.put(entry.getKey(), value.isArray() ? value.size() : 1);
      }
      out.set("data", job.data() == null ? NullNode.getInstance() : job.data());
      out.put(
          "report",
          "workflow "
              + job.workflowId()
              + " reached error phase "
              + job.phase()
              + (errors.isEmpty() ? "; no error message was passed on" : "; errors: " + errors));
    } catch (RuntimeException e) {
      // Odd inputs must not fail the report; say what was seen instead.
      out.put("report", "error report incomplete: " + e);
    }
    return JobResult.success(out);
  }
}
