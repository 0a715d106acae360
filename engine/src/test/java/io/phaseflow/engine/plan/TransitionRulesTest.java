package io.phaseflow.engine.plan;

import static io.phaseflow.engine.testing.DefinitionBuilder.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where a workflow goes when an entry closes, as a table: pure, no server. */
class TransitionRulesTest {
  private static final TransitionTable TABLE =
      CompiledDefinition.compile(
              workflow("rules")
                  .initial("a", "b", "error")
                  .phase("b", "done", null, "H")
                  .end("done")
                  .end("error")
                  .build())
          .table();

  /** A loop (a → b → a, failures back to a) that may make 3 moves. */
  private static final TransitionTable LOOP =
      CompiledDefinition.compile(
              workflow("loop")
                  .maxTransitions(3)
                  .initial("a", "b", "done")
                  .phase("b", "a", "a", "H")
                  .end("done")
                  .build())
          .table();

  @ParameterizedTest(name = "{0} succeeded={1} viaError={2} -> {3}")
  @CsvSource({
    "a,     true,  false, enter b",
    "a,     false, false, enter error (error edge)",
    "b,     true,  false, enter done",
    "b,     false, false, finish failed",
    "done,  true,  false, finish succeeded",
    "done,  false, false, finish failed",
    "error, true,  true,  finish failed",
    "error, false, true,  finish failed",
    "done,  true,  true,  finish failed",
  })
  void decides(String phase, boolean succeeded, boolean viaError, String expected) {
    Decision decision = TransitionRules.decide(TABLE, phase, succeeded, viaError, 1);

    assertThat(describe(decision)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "entry {3}: {0} succeeded={1} -> {4}")
  @CsvSource({
    "a,    true,  false, 1, enter b",
    "b,    true,  false, 2, enter a",
    "a,    true,  false, 3, enter b",
    "b,    true,  false, 4, finish failed: reached the limit of 3 transitions (max_transitions)",
    "b,    false, false, 3, enter a (error edge)",
    "b,    false, true,  4, finish failed: reached the limit of 3 transitions (max_transitions)",
    "a,    false, false, 9, finish failed: reached the limit of 3 transitions (max_transitions)",
    "done, true,  false, 4, finish succeeded",
    "done, false, true,  9, finish failed",
  })
  void aWorkflowFailsWhenItWouldMoveMoreOftenThanItsLimit(
      String phase, boolean succeeded, boolean viaError, int entry, String expected) {
    Decision decision = TransitionRules.decide(LOOP, phase, succeeded, viaError, entry);

    assertThat(describe(decision)).isEqualTo(expected);
  }

  private static String describe(Decision d) {
    if (d instanceof Decision.Enter e) {
      return "enter " + e.phase() + (e.viaError() ? " (error edge)" : "");
    }
    Decision.Finish f = (Decision.Finish) d;
    String why = f.error() == null ? "" : ": " + f.error().substring(0, f.error().indexOf(')') + 1);
    return "finish " + (f.succeeded() ? "succeeded" : "failed") + why;
  }
}
