package io.phaseflow.engine.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What the jobs of a phase entry produced, as JSON: the one place a job's outcome becomes a value.
 * A phase's next entry reads them as its inputs ({@link #byHandler}), and a workflow's result is
 * those of its last entry that ran jobs. Pure.
 */
public final class JobOutputs {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private JobOutputs() {}

  /**
   * What one job stands for: its output once it succeeded, {@code {"error": ..., "job": N}} once it
   * failed (what an error phase reports on), {@code {"skipped": true, "job": N}} when it never ran
   * because a job before it failed, and {@code {"unfinished": true, "job": N}} while it waits or
   * runs (only in a canceled workflow's last entry: a closed entry has none).
   */
  public static JsonNode of(JobRecord j) {
    return switch (j.status()) {
      case SUCCEEDED -> j.output() == null ? F.nullNode() : j.output();
      case FAILED -> F.objectNode().put("error", j.error()).put("job", j.spec().index());
      case SKIPPED -> F.objectNode().put("skipped", true).put("job", j.spec().index());
      case WAITING, READY -> F.objectNode().put("unfinished", true).put("job", j.spec().index());
    };
  }

  /**
   * {@code {"Handler": [one element per job of that handler, in job order]}}, each element as
   * {@link #of}: the inputs of a phase's next entry, and the result of a phase graph.
   */
  public static ObjectNode byHandler(List<JobRecord> jobs) {
    ObjectNode outputs = F.objectNode();
    for (JobRecord j : jobs) {
      ArrayNode handler = outputs.withArrayProperty(j.spec().handler());
      handler.add(of(j));
    }
    return outputs;
  }

  /**
   * {@code {"task": element}} in task order, each element as {@link #of}: the result of a task DAG,
   * whose run entry holds one job per task.
   */
  public static ObjectNode byTask(List<JobRecord> jobs) {
    ObjectNode outputs = F.objectNode();
    for (JobRecord j : jobs) {
      outputs.set(j.spec().name(), of(j));
    }
    return outputs;
  }
}
