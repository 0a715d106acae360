package io.phaseflow.engine.core;

import static io.phaseflow.engine.testing.DefinitionBuilder.forEach;
import static io.phaseflow.engine.testing.DefinitionBuilder.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.state.TransitionReason;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.DefinitionBuilder;
import io.phaseflow.engine.testing.TestHandlers;
import io.phaseflow.handlers.HandlerRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EmbeddedEngineTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private WorkflowRecord run(DefinitionBuilder definition, HandlerRegistry handlers, String input)
      throws Exception {
    try (Embedded embedded = new Embedded(handlers, 3, WorkflowListener.NONE)) {
      embedded.engine().plans().add(CompiledDefinition.compile(definition.build()));
      String id = embedded.engine().startWorkflow(definition.build().name(), JSON.readTree(input));
      WorkflowRecord done = embedded.engine().await(id, Duration.ofSeconds(20));
      history = embedded.engine().store().history(id);
      return done;
    }
  }

  private List<TransitionRecord> history;

  @Test
  void runsPhasesInOrderAndFansOutOverForEach() throws Exception {
    HandlerRegistry handlers =
        HandlerRegistry.of(
            List.of(
                TestHandlers.of(
                    "Split",
                    job -> JSON.valueToTree(java.util.Map.of("parts", List.of(1, 2, 3, 4)))),
                TestHandlers.of(
                    "Square",
                    job ->
                        JsonNodeFactory.instance.numberNode(
                            job.payload().asInt() * job.payload().asInt())),
                TestHandlers.of(
                    "Sum",
                    job -> {
                      int sum = 0;
                      for (var n : job.inputs().get("Square")) {
                        sum += n.asInt();
                      }
                      return JsonNodeFactory.instance.numberNode(sum);
                    })));
    DefinitionBuilder def =
        workflow("squares")
            .initial("pending", "split", "error")
            .phase("split", "square", "error", "Split")
            .phase("square", "sum", "error", forEach("Square", "/inputs/Split/0/parts"))
            .phase("sum", "done", "error", "Sum")
            .end("done")
            .end("error");

    WorkflowRecord wf = run(def, handlers, "{}");

    assertThat(wf.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(history)
        .extracting(TransitionRecord::from, TransitionRecord::to, TransitionRecord::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(null, "pending", TransitionReason.STARTED),
            org.assertj.core.groups.Tuple.tuple("pending", "split", TransitionReason.SUCCEEDED),
            org.assertj.core.groups.Tuple.tuple("split", "square", TransitionReason.SUCCEEDED),
            org.assertj.core.groups.Tuple.tuple("square", "sum", TransitionReason.SUCCEEDED),
            org.assertj.core.groups.Tuple.tuple("sum", "done", TransitionReason.SUCCEEDED),
            org.assertj.core.groups.Tuple.tuple("done", null, TransitionReason.SUCCEEDED));
    assertThat(history.get(3).jobs().total()).isEqualTo(4);
  }

  @Test
  void failedJobRoutesToErrorPhaseAndFailsWorkflow() throws Exception {
    HandlerRegistry handlers =
        HandlerRegistry.of(
            List.of(
                TestHandlers.failing("Check", "amount -5 is negative"),
                TestHandlers.echo("Report")));
    DefinitionBuilder def =
        workflow("checks")
            .initial("checking", "done", "rejected", "Check")
            .end("done")
            .end("rejected", "Report");

    WorkflowRecord wf = run(def, handlers, "{}");

    assertThat(wf.status()).isEqualTo(WorkflowStatus.FAILED);
    assertThat(wf.phase()).isEqualTo("rejected");
    assertThat(history.get(1).reason()).isEqualTo(TransitionReason.FAILED);
    assertThat(history.get(1).error()).contains("amount -5 is negative").contains("Check");
  }

  @Test
  void retryableFailureIsRetriedUntilItSucceeds() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HandlerRegistry handlers = HandlerRegistry.of(List.of(TestHandlers.flaky("Flaky", 2, calls)));
    DefinitionBuilder def = workflow("flaky").initial("a", "done", null, "Flaky").end("done");

    WorkflowRecord wf = run(def, handlers, "{}");

    assertThat(wf.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(calls.get()).isEqualTo(3);
  }

  @Test
  void taskGraphRunsChildrenAfterParentsWithTheirOutputs() throws Exception {
    HandlerRegistry handlers =
        HandlerRegistry.of(
            List.of(
                TestHandlers.of("A", job -> JsonNodeFactory.instance.textNode("a")),
                TestHandlers.of("B", job -> JsonNodeFactory.instance.textNode("b")),
                TestHandlers.of(
                    "C",
                    job ->
                        JsonNodeFactory.instance.textNode(
                            job.inputs().get("a").asText() + job.inputs().get("b").asText()))));
    DefinitionBuilder def = workflow("dag").task("a", "A").task("b", "B").task("c", "C", "a", "b");

    WorkflowRecord wf = run(def, handlers, "{}");

    assertThat(wf.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(history).extracting(TransitionRecord::to).containsExactly("run", "succeeded", null);
  }

  @Test
  void anOutputOverTheLimitFailsItsJobWithAClearError() throws Exception {
    HandlerRegistry handlers =
        HandlerRegistry.of(
            List.of(
                TestHandlers.of(
                    "Big", job -> JsonNodeFactory.instance.textNode("x".repeat(300_000)))));
    DefinitionBuilder def = workflow("big").initial("a", "done", null, "Big").end("done");

    WorkflowRecord wf = run(def, handlers, "{}");

    assertThat(wf.status()).isEqualTo(WorkflowStatus.FAILED);
    assertThat(history.get(1).error())
        .contains("output of Big is 300,002 bytes, over the limit of 262,144");
  }

  @Test
  void anInputOverTheLimitIsRefusedAtStartAndNothingIsStored() {
    try (Embedded embedded = new Embedded(new HandlerRegistry(), 1, WorkflowListener.NONE)) {
      embedded
          .engine()
          .plans()
          .add(
              CompiledDefinition.compile(
                  workflow("in").initial("a", "done", null).end("done").build()));
      var input = JsonNodeFactory.instance.objectNode().put("blob", "y".repeat(300_000));

      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> embedded.engine().startWorkflow("in", input))
          .isInstanceOf(io.phaseflow.engine.PhaseflowException.class)
          .hasMessageContaining(
              "input of workflow 'in' is 300,011 bytes, over the limit of 262,144");
    }
  }

  @Test
  void aRepeatedKeyReturnsTheExistingWorkflowAndStartsNothing() throws Exception {
    try (Embedded embedded = new Embedded(new HandlerRegistry(), 1, WorkflowListener.NONE)) {
      Engine engine = embedded.engine();
      engine
          .plans()
          .add(
              CompiledDefinition.compile(
                  workflow("keyed").initial("a", "done", null).end("done").build()));
      var input = JsonNodeFactory.instance.objectNode().put("n", 1);

      StartedWorkflow first = engine.startWorkflow("keyed", input, "order-1");
      WorkflowRecord done = engine.await(first.id(), Duration.ofSeconds(10));
      StartedWorkflow again =
          engine.startWorkflow(
              "keyed", JsonNodeFactory.instance.objectNode().put("n", 2), "order-1");
      StartedWorkflow other = engine.startWorkflow("keyed", input, "order-2");

      assertThat(first).isEqualTo(new StartedWorkflow(WorkflowIds.forKey("order-1"), false));
      assertThat(again).isEqualTo(new StartedWorkflow(first.id(), true));
      assertThat(other.id()).isNotEqualTo(first.id());
      assertThat(other.existed()).isFalse();
      assertThat(engine.store().workflow(first.id()).orElseThrow().data().get("n").asInt())
          .as("the repeat changed nothing")
          .isEqualTo(1);
      assertThat(done.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
      assertThat(engine.startWorkflow("keyed", input, null).id()).doesNotStartWith("k-");
    }
  }

  @Test
  void aMessageThatCanNeverBeProcessedGoesToTheDeadLettersWithTheReason() throws Exception {
    try (Embedded embedded = new Embedded(new HandlerRegistry(), 1, WorkflowListener.NONE)) {
      var store = embedded.engine().store();
      store.start(
          io.phaseflow.engine.state.WorkflowRecord.created("ghost-1", "ghost", 3, null, 1000),
          new io.phaseflow.engine.state.NewEntry(1, "a", List.of(), null));

      embedded
          .bus()
          .publish(
              io.phaseflow.handlers.protocol.Queues.PHASE_FINISHED,
              io.phaseflow.handlers.protocol.Messages.encode(new PhaseFinished("ghost-1", 1)));

      long deadline = System.currentTimeMillis() + 5000;
      while (embedded.bus().deadLetters().isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.sleep(10);
      }
      assertThat(embedded.bus().deadLetters())
          .singleElement()
          .satisfies(d -> assertThat(d.reason()).contains("definition 'ghost' has no version 3"));
      assertThat(store.workflow("ghost-1").orElseThrow().status())
          .isEqualTo(WorkflowStatus.RUNNING);
    }
  }
}
