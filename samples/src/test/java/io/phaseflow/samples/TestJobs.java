package io.phaseflow.samples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobFailedException;
import io.phaseflow.handlers.JobResult;
import java.io.UncheckedIOException;

/** Builds {@link Job}s for handler tests from JSON text; unset parts are JSON null. */
final class TestJobs {
  private final String handler;
  private JsonNode payload = NullNode.getInstance();
  private JsonNode data = NullNode.getInstance();
  private JsonNode inputs = NullNode.getInstance();

  private TestJobs(String handler) {
    this.handler = handler;
  }

  static TestJobs job(Handler handler) {
    return new TestJobs(handler.name());
  }

  static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("bad JSON in test: " + text, e);
    }
  }

  /**
   * {@code node} as it reads back off the wire: JSON equality is sensitive to the node type (a
   * LongNode 4 is not an IntNode 4), which serialisation erases.
   */
  static JsonNode wire(JsonNode node) {
    return json(node.toString());
  }

  TestJobs payload(String json) {
    return payload(json(json));
  }

  TestJobs payload(JsonNode node) {
    payload = node;
    return this;
  }

  TestJobs data(String json) {
    return data(json(json));
  }

  TestJobs data(JsonNode node) {
    data = node;
    return this;
  }

  TestJobs inputs(String json) {
    return inputs(json(json));
  }

  TestJobs inputs(JsonNode node) {
    inputs = node;
    return this;
  }

  Job build() {
    return new Job("wf-test", "test-phase", 1, 0, 1, handler, 1, payload, data, inputs);
  }

  /** Runs {@code handler} on this job and returns its output, failing the test on a failure. */
  JsonNode runOn(Handler handler) throws Exception {
    JobResult result = handler.process(build());
    if (!result.ok()) {
      throw new AssertionError(handler.name() + " failed: " + result.error());
    }
    return result.output();
  }

  /** Runs {@code handler} on this job expecting it to throw {@link JobFailedException}. */
  JobFailedException failOn(Handler handler) throws Exception {
    try {
      JobResult result = handler.process(build());
      throw new AssertionError(handler.name() + " did not fail; it returned " + result);
    } catch (JobFailedException e) {
      return e;
    }
  }
}
