package io.phaseflow.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.core.Embedded;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.StatusFilter;
import io.phaseflow.engine.state.WorkflowQuery;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.TestHandlers;
import io.phaseflow.handlers.HandlerRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A task DAG inspected task by task: its run entry's jobs, their times, edges and progress. */
class TaskDagInspectionTest {
  private static final String DIAMOND =
      """
      {"workflow": "diamond", "tasks": [
        {"name": "fetch", "handler": "Step"},
        {"name": "left", "handler": "Step", "depends": ["fetch"]},
        {"name": "right", "handler": "Step", "depends": ["fetch"]},
        {"name": "join", "handler": "Step", "depends": ["left", "right"]}
      ]}
      """;

  private Embedded embedded;
  private Inspector inspector;

  @BeforeEach
  void start() {
    HandlerRegistry handlers =
        HandlerRegistry.of(
            List.of(
                TestHandlers.of(
                    "Step",
                    job -> {
                      try {
                        Thread.sleep(15);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return JsonNodeFactory.instance.nullNode();
                    })));
    embedded = new Embedded(handlers, 2, WorkflowListener.NONE);
    embedded.engine().plans().add(CompiledDefinition.of(DIAMOND, "diamond.json").plan());
    inspector = new Inspector(embedded.engine().store());
  }

  @AfterEach
  void stop() {
    embedded.close();
  }

  @Test
  void aFinishedDagShowsEachTaskWithItsTimesAndParents() {
    String id = run();
    WorkflowView view = inspector.workflow(id).orElseThrow();

    assertThat(view.current().phase()).as("it ended in the final phase").isEqualTo("succeeded");
    assertThat(view.tasks()).isNotNull();
    assertThat(view.tasks().entry().phase()).isEqualTo("run");
    List<JobRecord> jobs = view.tasks().jobs();
    assertThat(jobs)
        .extracting(j -> j.spec().name())
        .containsExactly("fetch", "left", "right", "join");
    for (JobRecord j : jobs) {
      assertThat(j.startedAt()).as(j.spec().name() + " started").isPositive();
      assertThat(j.endedAt()).as(j.spec().name() + " ended").isGreaterThanOrEqualTo(j.startedAt());
    }
    assertThat(jobs.get(3).startedAt())
        .as("join starts after both its parents ended")
        .isGreaterThanOrEqualTo(Math.max(jobs.get(1).endedAt(), jobs.get(2).endedAt()));

    JsonNode json = InspectJson.workflow(view, System.currentTimeMillis());
    JsonNode join = json.at("/tasks/jobs/3");
    assertThat(join.get("name").asText()).isEqualTo("join");
    assertThat(join.get("handler").asText()).isEqualTo("Step");
    assertThat(join.get("status").asText()).isEqualTo("succeeded");
    assertThat(join.get("attempts").asInt()).isEqualTo(1);
    assertThat(join.get("parents")).extracting(JsonNode::asText).containsExactly("left", "right");
    assertThat(join.get("startedAt").asLong()).isEqualTo(jobs.get(3).startedAt());
    assertThat(join.get("endedAt").asLong()).isEqualTo(jobs.get(3).endedAt());
    assertThat(json.at("/tasks/jobs/0/parents")).isEmpty();
    assertThat(json.at("/tasks/entry").asInt()).isEqualTo(1);
    assertThat(json.at("/progress/total").asInt()).as("progress counts the tasks").isEqualTo(4);
    assertThat(json.at("/progress/succeeded").asInt()).isEqualTo(4);
  }

  @Test
  void theListingCountsAFinishedDagsTasksAsItsProgress() {
    String id = run();
    Inspector.WorkflowSummary listed =
        inspector.list(new WorkflowQuery("diamond", StatusFilter.ANY, 10, null)).workflows().get(0);

    assertThat(listed.workflow().id()).isEqualTo(id);
    assertThat(listed.current().phase()).isEqualTo("run");
    assertThat(listed.current().jobs().succeeded()).isEqualTo(4);
    assertThat(
            InspectJson.summary(listed.workflow(), listed.current()).at("/progress/total").asInt())
        .isEqualTo(4);
  }

  private String run() {
    String id = embedded.engine().startWorkflow("diamond", JsonNodeFactory.instance.objectNode());
    assertThat(embedded.engine().await(id, Duration.ofSeconds(20)).status())
        .isEqualTo(WorkflowStatus.SUCCEEDED);
    return id;
  }
}
