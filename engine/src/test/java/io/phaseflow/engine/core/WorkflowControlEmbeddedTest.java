package io.phaseflow.engine.core;

import static io.phaseflow.engine.testing.DefinitionBuilder.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.NotFound;
import io.phaseflow.engine.StateConflict;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.state.ControlAction;
import io.phaseflow.engine.state.TransitionReason;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.DefinitionBuilder;
import io.phaseflow.engine.testing.TestHandlers;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.JobFailedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Pause, resume, cancel and redrive end to end on the embedded engine. */
class WorkflowControlEmbeddedTest {
  private final CountDownLatch running = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  /** A handler that signals it runs, then waits until the test releases it. */
  private HandlerRegistry gated() {
    return HandlerRegistry.of(
        List.of(
            TestHandlers.of(
                "Gate",
                job -> {
                  running.countDown();
                  try {
                    release.await(20, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return JsonNodeFactory.instance.textNode("done");
                }),
            TestHandlers.echo("Next")));
  }

  private static final DefinitionBuilder GATED =
      workflow("gated")
          .initial("a", "b", null, "Gate")
          .phase("b", "done", null, "Next")
          .end("done");

  private static Embedded embedded(HandlerRegistry handlers, DefinitionBuilder def) {
    return embedded(handlers, def, WorkflowListener.NONE);
  }

  private static Embedded embedded(
      HandlerRegistry handlers, DefinitionBuilder def, WorkflowListener listener) {
    Embedded e = new Embedded(handlers, 3, listener);
    e.engine().plans().add(CompiledDefinition.compile(def.build()));
    return e;
  }

  @Test
  void aPausedWorkflowFinishesItsRunningJobsButMovesOnOnlyAfterResume() throws Exception {
    try (Embedded e = embedded(gated(), GATED)) {
      Engine engine = e.engine();
      String id = engine.startWorkflow("gated", null);
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

      WorkflowRecord paused = engine.control().apply(id, ControlAction.PAUSE, "alice", "deploy");
      assertThat(paused.status()).isEqualTo(WorkflowStatus.PAUSED);
      release.countDown();
      waitFor(() -> engine.store().entry(id, 1).orElseThrow().closed());
      Thread.sleep(200);
      WorkflowRecord still = engine.store().workflow(id).orElseThrow();
      assertThat(still.status()).isEqualTo(WorkflowStatus.PAUSED);
      assertThat(still.phase()).as("no transition while paused").isEqualTo("a");
      assertThatThrownBy(() -> engine.control().apply(id, ControlAction.PAUSE, "bob", null))
          .isInstanceOf(StateConflict.class)
          .hasMessageContaining("it is paused")
          .hasMessageContaining("can be resumed or canceled");

      engine.control().apply(id, ControlAction.RESUME, "alice", null);
      WorkflowRecord done = engine.await(id, Duration.ofSeconds(10));

      assertThat(done.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
      List<TransitionRecord> h = engine.store().history(id);
      assertThat(h)
          .extracting(TransitionRecord::reason)
          .containsSubsequence(
              TransitionReason.PAUSED, TransitionReason.RESUMED, TransitionReason.SUCCEEDED);
      assertThat(h.get(1).by()).isEqualTo("alice");
      assertThat(h.get(1).note()).isEqualTo("deploy");
    }
  }

  @Test
  void aCanceledWorkflowEndsCanceledAndItsLateResultIsDropped() throws Exception {
    List<TransitionReason> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    CountDownLatch finished = new CountDownLatch(1);
    WorkflowListener listener =
        new WorkflowListener() {
          @Override
          public void transitioned(WorkflowRecord workflow, TransitionRecord transition) {
            told.add(transition.reason());
          }

          @Override
          public void finished(WorkflowRecord workflow) {
            finished.countDown();
          }
        };
    try (Embedded e = embedded(gated(), GATED, listener)) {
      Engine engine = e.engine();
      String id = engine.startWorkflow("gated", null);
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

      engine.control().apply(id, ControlAction.CANCEL, "alice", "wrong input");
      release.countDown();
      WorkflowRecord done = engine.await(id, Duration.ofSeconds(10));
      Thread.sleep(200);

      assertThat(done.status()).isEqualTo(WorkflowStatus.CANCELED);
      assertThat(told).as("run prints the line").contains(TransitionReason.CANCELED);
      assertThat(finished.getCount()).as("and stops waiting for a last line").isZero();
      assertThat(engine.store().entry(id, 1).orElseThrow().jobs().succeeded())
          .as("the late result was dropped")
          .isZero();
      assertThat(engine.store().workflow(id).orElseThrow().phase()).isEqualTo("a");
      TransitionRecord last = engine.store().history(id).get(engine.store().history(id).size() - 1);
      assertThat(last.reason()).isEqualTo(TransitionReason.CANCELED);
      assertThat(last.note()).isEqualTo("wrong input");
      assertThatThrownBy(() -> engine.control().apply(id, ControlAction.RESUME, "a", null))
          .isInstanceOf(StateConflict.class)
          .hasMessageContaining("it is canceled; resume applies to [paused] workflows");
      assertThatThrownBy(() -> engine.control().apply("nope", ControlAction.CANCEL, "a", null))
          .isInstanceOf(NotFound.class);
    }
  }

  @Test
  void aRedriveReRunsTheFailedPhaseKeepingWhatSucceeded() throws Exception {
    AtomicInteger prepared = new AtomicInteger();
    AtomicInteger steady = new AtomicInteger();
    AtomicInteger flaky = new AtomicInteger();
    HandlerRegistry handlers =
        HandlerRegistry.of(
            List.of(
                TestHandlers.of(
                    "Prepare",
                    job -> JsonNodeFactory.instance.numberNode(prepared.incrementAndGet())),
                TestHandlers.of(
                    "Steady", job -> JsonNodeFactory.instance.numberNode(steady.incrementAndGet())),
                TestHandlers.of(
                    "FailsOnce",
                    job -> {
                      if (flaky.incrementAndGet() == 1) {
                        throw new JobFailedException("upstream down", false);
                      }
                      return JsonNodeFactory.instance.textNode("ok");
                    }),
                TestHandlers.echo("Report")));
    DefinitionBuilder def =
        workflow("redriven")
            .initial("prepare", "work", "error", "Prepare")
            .phase("work", "done", "error", "Steady", "FailsOnce")
            .end("done")
            .end("error", "Report");
    try (Embedded e = embedded(handlers, def)) {
      Engine engine = e.engine();
      String id = engine.startWorkflow("redriven", null);
      assertThat(engine.await(id, Duration.ofSeconds(10)).status())
          .isEqualTo(WorkflowStatus.FAILED);

      WorkflowRecord again = engine.control().apply(id, ControlAction.REDRIVE, "bob", null);
      assertThat(again.status()).isIn(WorkflowStatus.RUNNING, WorkflowStatus.SUCCEEDED);
      WorkflowRecord done = engine.await(id, Duration.ofSeconds(10));

      assertThat(done.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
      assertThat(prepared.get()).as("earlier phases do not run again").isEqualTo(1);
      assertThat(steady.get()).as("succeeded jobs keep their outputs").isEqualTo(1);
      assertThat(flaky.get()).isEqualTo(2);
      List<TransitionRecord> h = engine.store().history(id);
      assertThat(h)
          .extracting(TransitionRecord::from, TransitionRecord::to, TransitionRecord::reason)
          .containsSubsequence(
              org.assertj.core.groups.Tuple.tuple("work", "error", TransitionReason.FAILED),
              org.assertj.core.groups.Tuple.tuple("error", "work", TransitionReason.REDRIVEN),
              org.assertj.core.groups.Tuple.tuple("work", "done", TransitionReason.SUCCEEDED));
      assertThat(engine.store().entry(id, 2).orElseThrow().failed())
          .as("the failed entry stays closed and failed")
          .isTrue();
      assertThat(engine.store().jobs(id, 4).get(0).output())
          .isEqualTo(JsonNodeFactory.instance.numberNode(1));
    }
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
