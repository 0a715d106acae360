package io.phaseflow.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.definition.DefinitionLoader;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.TestHandlers;
import io.phaseflow.handlers.HandlerRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Task DAGs with for_each, end to end in one embedded engine. */
class TaskFanoutEmbeddedTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String BOOK =
      """
      {"workflow": "book", "tasks": [
        {"name": "split", "handler": "Split"},
        {"name": "count", "handler": "Count", "for_each": "/outputs/split/sections",
         "payload": {"unit": "words"}, "depends": ["split"]},
        {"name": "sum", "handler": "Sum", "depends": ["count"]}
      ]}
      """;

  private static final String GUSH =
      """
      {"workflow": "import", "data": {"rows": ["1,5", "2,7", "3,9"]}, "tasks": [
        {"name": "download", "handler": "Download"},
        {"name": "row", "handler": "ImportRow", "for_each": "/data/rows", "depends": ["download"]},
        {"name": "xml", "handler": "ImportXml"},
        {"name": "report", "handler": "Report", "depends": ["row", "xml"]}
      ]}
      """;

  private List<JobRecord> jobs;

  private WorkflowRecord run(String definition, HandlerRegistry handlers, String input)
      throws Exception {
    var def = new DefinitionLoader().parse(definition, "test.json");
    try (Embedded embedded = new Embedded(handlers, 3, WorkflowListener.NONE)) {
      embedded.engine().plans().add(CompiledDefinition.compile(def));
      String id = embedded.engine().startWorkflow(def.name(), JSON.readTree(input));
      WorkflowRecord done = embedded.engine().await(id, Duration.ofSeconds(20));
      jobs = embedded.engine().store().jobs(id, 1);
      return done;
    }
  }

  private static HandlerRegistry book(String sections, boolean failSecond) {
    return HandlerRegistry.of(
        List.of(
            TestHandlers.of("Split", job -> json(sections)),
            TestHandlers.of(
                "Count",
                job -> {
                  if (failSecond && job.payload().path("element").asText().equals("b b")) {
                    throw new IllegalStateException("cannot count 'b b'");
                  }
                  String text = job.payload().path("element").asText();
                  return JsonNodeFactory.instance.numberNode(text.split(" ").length);
                }),
            TestHandlers.of(
                "Sum",
                job -> {
                  int sum = 0;
                  for (JsonNode n : job.inputs().get("count")) {
                    sum += n.asInt();
                  }
                  return JSON.valueToTree(
                      Map.of("total", sum, "counts", job.inputs().get("count")));
                })));
  }

  @Test
  void aTaskRunsOncePerElementOfItsParentsOutputAndItsDependentSeesTheirOutputsInOrder()
      throws Exception {
    WorkflowRecord wf =
        run(BOOK, book("{\"sections\": [\"a\", \"b b\", \"c c c\", \"d d d d\"]}", false), "{}");

    assertThat(wf.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(jobs).hasSize(7);
    assertThat(jobs.get(2).output()).isEqualTo(json("{\"total\": 10, \"counts\": [1, 2, 3, 4]}"));
    assertThat(jobs.get(4).spec().payload())
        .isEqualTo(json("{\"unit\": \"words\", \"element\": \"b b\"}"));
  }

  @Test
  void noElementsLetsTheDependentsRunWithAnEmptyList() throws Exception {
    WorkflowRecord wf = run(BOOK, book("{\"sections\": []}", false), "{}");

    assertThat(wf.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(jobs.get(2).output()).isEqualTo(json("{\"total\": 0, \"counts\": []}"));
  }

  @Test
  void aFailedElementFailsTheWorkflowAndSkipsTheDependents() throws Exception {
    WorkflowRecord wf = run(BOOK, book("{\"sections\": [\"a\", \"b b\", \"c\"]}", true), "{}");

    assertThat(wf.status()).isEqualTo(WorkflowStatus.FAILED);
    assertThat(jobs.get(2).status()).isEqualTo(io.phaseflow.engine.state.JobStatus.SKIPPED);
    assertThat(jobs.get(4).error()).contains("cannot count 'b b'");
  }

  @Test
  void aPointerThatSelectsNoArrayFailsTheTaskNotTheEngine() throws Exception {
    WorkflowRecord wf = run(BOOK, book("{\"parts\": []}", false), "{}");

    assertThat(wf.status()).isEqualTo(WorkflowStatus.FAILED);
    assertThat(jobs.get(1).error())
        .startsWith("task 'count': for_each pointer '/outputs/split/sections': segment 'sections'");
  }

  @Test
  void gushsImportRunsAJobPerRowAfterTheDownloadAndTheReportAfterAll() throws Exception {
    List<String> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    HandlerRegistry handlers =
        HandlerRegistry.of(
            List.of(
                TestHandlers.of("Download", job -> logged(order, "download", "saved")),
                TestHandlers.of(
                    "ImportRow",
                    job -> logged(order, "row " + job.payload().asText(), job.payload().asText())),
                TestHandlers.of("ImportXml", job -> logged(order, "xml", "xml")),
                TestHandlers.of(
                    "Report", job -> logged(order, "report", job.inputs().toString()))));

    WorkflowRecord wf = run(GUSH, handlers, "{}");

    assertThat(wf.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(order.get(order.size() - 1)).isEqualTo("report");
    assertThat(order.indexOf("download")).isLessThan(order.indexOf("row 1,5"));
    assertThat(jobs.get(3).output().asText())
        .isEqualTo("{\"row\":[\"1,5\",\"2,7\",\"3,9\"],\"xml\":\"xml\"}");
  }

  private static JsonNode logged(List<String> order, String what, String output) {
    order.add(what);
    return JsonNodeFactory.instance.textNode(output);
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
