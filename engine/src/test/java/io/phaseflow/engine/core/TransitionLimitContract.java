package io.phaseflow.engine.core;

import static io.phaseflow.engine.testing.DefinitionBuilder.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.definition.PhaseDefinition;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.TransitionReason;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.DefinitionBuilder;
import io.phaseflow.engine.testing.TestHandlers;
import io.phaseflow.handlers.HandlerRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every run is bounded: a workflow that loops, by success edges or by error edges, fails at its
 * definition's max_transitions with the reason in its last history line, and expires like any
 * finished workflow. Run on every store.
 */
public abstract class TransitionLimitContract {

  /** A new store for one test; closed by the engine that uses it. */
  protected abstract StateStore newStore();

  /** Asserts that every key of the finished workflow {@code id} will expire. */
  protected abstract void assertExpires(StateStore store, String id);

  private List<TransitionRecord> history;

  private WorkflowRecord run(DefinitionBuilder definition, HandlerRegistry handlers) {
    StateStore store = newStore();
    try (Embedded embedded = new Embedded(handlers, 2, WorkflowListener.NONE, store)) {
      embedded.engine().plans().add(CompiledDefinition.compile(definition.build()));
      String id = embedded.engine().startWorkflow(definition.build().name(), null);
      WorkflowRecord done = embedded.engine().await(id, Duration.ofSeconds(60));
      history = store.history(id);
      assertExpires(store, id);
      return done;
    }
  }

  @Test
  @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aSuccessLoopFailsAtItsLimitWithTheReason() {
    DefinitionBuilder spin =
        workflow("spin")
            .maxTransitions(7)
            .initial("a", "b", "done")
            .phase(new PhaseDefinition("b", false, false, "a", null, List.of()))
            .end("done");

    WorkflowRecord wf = run(spin, HandlerRegistry.of(List.of()));

    assertThat(wf.status()).isEqualTo(WorkflowStatus.FAILED);
    assertThat(history).hasSize(1 + 7 + 1); // started, 7 moves, the stop
    TransitionRecord last = history.get(history.size() - 1);
    assertThat(last.from()).isEqualTo("b");
    assertThat(last.to()).isNull();
    assertThat(last.reason()).isEqualTo(TransitionReason.FAILED);
    assertThat(last.error())
        .startsWith("reached the limit of 7 transitions (max_transitions)")
        .contains("did not enter 'a' after 'b'");
  }

  @Test
  @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anErrorLoopWhoseHandlerAlwaysFailsStopsAtTheDefaultLimit() {
    DefinitionBuilder retry =
        workflow("retry-forever")
            .initial("try", "done", "wait", "Flaky")
            .phase(new PhaseDefinition("wait", false, false, "try", null, List.of()))
            .end("done");
    HandlerRegistry handlers =
        HandlerRegistry.of(List.of(TestHandlers.failing("Flaky", "the service is down")));

    WorkflowRecord wf = run(retry, handlers);

    assertThat(wf.status()).isEqualTo(WorkflowStatus.FAILED);
    assertThat(history).hasSize(1 + 1_000 + 1);
    assertThat(history.get(history.size() - 3).error())
        .isEqualTo("job 0 (Flaky): the service is down");
    TransitionRecord last = history.get(history.size() - 1);
    assertThat(last.from()).isEqualTo("try");
    assertThat(last.reason()).isEqualTo(TransitionReason.FAILED);
    assertThat(last.error())
        .startsWith("reached the limit of 1,000 transitions (max_transitions)")
        .endsWith("'try' itself failed: job 0 (Flaky): the service is down");
  }
}
