package io.phaseflow.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.RepoFiles;
import io.phaseflow.samples.SampleHandlers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A for_each over /outputs/<phase>/<Handler>/... reads a phase before the previous one. */
class EarlierPhaseOutputsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aPhaseFansOutOverTheOutputsOfAPhaseTwoStepsBack() throws Exception {
    CompiledDefinition definition =
        CompiledDefinition.of(
            RepoFiles.root()
                .resolve(
                    "engine/src/test/resources/definitions/valid/for-each-outputs-of-earlier-phase.json"));
    try (Embedded embedded = new Embedded(SampleHandlers.registry(), 2, WorkflowListener.NONE)) {
      embedded.engine().plans().add(definition.plan());
      String id = embedded.engine().startWorkflow("earlier-outputs", JSON.readTree("{}"));
      WorkflowRecord done = embedded.engine().await(id, Duration.ofSeconds(20));

      assertThat(done.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
      EntryRecord counting = embedded.engine().store().entry(id, 3).orElseThrow();
      assertThat(counting.phase()).isEqualTo("counting");
      assertThat(counting.jobs().total())
          .as("one job per section of the bundled book")
          .isEqualTo(4);
    }
  }

  @Test
  void outputsOfAnEarlierPhaseOverTheOutputLimitFailTheEntryNamingThePhase() throws Exception {
    var big =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode("x".repeat(150_000));
    var handlers =
        io.phaseflow.handlers.HandlerRegistry.of(
            java.util.List.of(
                io.phaseflow.engine.testing.TestHandlers.of("Big1", job -> big),
                io.phaseflow.engine.testing.TestHandlers.of("Big2", job -> big),
                io.phaseflow.engine.testing.TestHandlers.of("Mid", job -> null)));
    var definition =
        io.phaseflow.engine.testing.DefinitionBuilder.workflow("too-big")
            .initial("a", "b", null, "Big1", "Big2")
            .phase("b", "c", null, "Mid")
            .phase(
                "c",
                "done",
                null,
                io.phaseflow.engine.testing.DefinitionBuilder.forEach("Mid", "/outputs/a/Big1"))
            .end("done")
            .build();
    try (Embedded embedded = new Embedded(handlers, 2, WorkflowListener.NONE)) {
      embedded.engine().plans().add(CompiledDefinition.compile(definition));
      String id = embedded.engine().startWorkflow("too-big", JSON.readTree("{}"));
      WorkflowRecord done = embedded.engine().await(id, Duration.ofSeconds(20));

      assertThat(done.status()).isEqualTo(WorkflowStatus.FAILED);
      assertThat(embedded.engine().store().entry(id, 3).orElseThrow().error())
          .contains(
              "the outputs of phase 'a' (entry 1) are 300,025 bytes, over the limit of 262,144");
    }
  }

  @Test
  void aHandlerWithInputsFromGetsThoseLatestOutputsBesideThePreviousPhases() throws Exception {
    var handlers =
        io.phaseflow.handlers.HandlerRegistry.of(
            java.util.List.of(
                io.phaseflow.engine.testing.TestHandlers.of(
                    "A", job -> com.fasterxml.jackson.databind.node.TextNode.valueOf("from a")),
                io.phaseflow.engine.testing.TestHandlers.of(
                    "B", job -> com.fasterxml.jackson.databind.node.TextNode.valueOf("from b")),
                io.phaseflow.engine.testing.TestHandlers.of("C", job -> job.inputs())));
    var c =
        new io.phaseflow.engine.definition.HandlerReference(
            "C",
            1,
            null,
            3,
            io.phaseflow.engine.definition.JobPolicy.DEFAULT,
            java.util.List.of("a"));
    var definition =
        io.phaseflow.engine.testing.DefinitionBuilder.workflow("inputs-from")
            .initial("a", "b", null, "A")
            .phase("b", "c", null, "B")
            .phase("c", "done", null, c)
            .end("done")
            .build();
    try (Embedded embedded = new Embedded(handlers, 2, WorkflowListener.NONE)) {
      embedded.engine().plans().add(CompiledDefinition.compile(definition));
      String id = embedded.engine().startWorkflow("inputs-from", JSON.readTree("{}"));
      WorkflowRecord done = embedded.engine().await(id, Duration.ofSeconds(20));

      assertThat(done.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
      assertThat(embedded.engine().store().jobs(id, 3).get(0).output())
          .isEqualTo(JSON.readTree("{\"B\": [\"from b\"], \"a\": {\"A\": [\"from a\"]}}"));
    }
  }
}
