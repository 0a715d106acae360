package io.phaseflow.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.core.Embedded;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.inspect.Inspector;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.TestHandlers;
import io.phaseflow.handlers.HandlerRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/workflows/{id}} and the listing of a task DAG whose middle task failed. */
class TaskDagApiTest {
  private static final String DAG =
      """
      {"workflow": "chain", "tasks": [
        {"name": "load", "handler": "Ok"},
        {"name": "check", "handler": "Broken", "depends": ["load"]},
        {"name": "publish", "handler": "Ok", "depends": ["check"]},
        {"name": "audit", "handler": "Ok", "depends": ["load"]}
      ]}
      """;

  private Embedded embedded;
  private HttpApi api;
  private Http http;

  @BeforeEach
  void serve() {
    embedded =
        new Embedded(
            HandlerRegistry.of(
                List.of(TestHandlers.echo("Ok"), TestHandlers.failing("Broken", "bad row 7"))),
            2,
            WorkflowListener.NONE);
    embedded.engine().plans().add(CompiledDefinition.of(DAG, "chain.json").plan());
    api =
        HttpApi.builder()
            .inspector(new Inspector(embedded.engine().store()))
            .definitions(DefinitionCatalog.of(embedded.engine().plans()))
            .start();
    http = new Http(api.url());
  }

  @AfterEach
  void stop() {
    api.close();
    embedded.close();
  }

  @Test
  void theWorkflowCarriesEachTaskWithItsStatusTimesAttemptsAndParents() {
    String id = embedded.engine().startWorkflow("chain", JsonNodeFactory.instance.objectNode());
    assertThat(embedded.engine().await(id, Duration.ofSeconds(20)).status())
        .isEqualTo(WorkflowStatus.FAILED);

    JsonNode wf = http.get("/api/workflows/" + id).json();
    List<String> tasks = new ArrayList<>();
    for (JsonNode j : wf.at("/tasks/jobs")) {
      tasks.add(
          j.get("name").asText()
              + " "
              + j.get("status").asText()
              + " "
              + j.get("parents")
              + (j.get("endedAt").isNull() ? " open" : " ended")
              + (j.get("startedAt").isNull() ? "" : " started"));
    }
    assertThat(tasks)
        .containsExactly(
            "load succeeded [] ended started",
            "check failed [\"load\"] ended started",
            "publish skipped [\"check\"] open",
            "audit succeeded [\"load\"] ended started");
    assertThat(wf.at("/tasks/jobs/1/error").asText()).contains("bad row 7");
    assertThat(wf.at("/tasks/jobs/1/attempts").asInt()).isEqualTo(1);
    assertThat(wf.at("/tasks/jobs/1/handler").asText()).isEqualTo("Broken");
    assertThat(wf.at("/tasks/entry").asInt()).isEqualTo(1);
    assertThat(wf.at("/progress").toString())
        .isEqualTo("{\"total\":4,\"succeeded\":2,\"failed\":1,\"skipped\":1,\"open\":0}");

    JsonNode listed = http.get("/api/workflows?definition=chain").json().at("/workflows/0");
    assertThat(listed.get("phase").asText()).isEqualTo("failed");
    assertThat(listed.at("/progress/total").asInt()).as("its tasks, not 'no jobs'").isEqualTo(4);
  }
}
