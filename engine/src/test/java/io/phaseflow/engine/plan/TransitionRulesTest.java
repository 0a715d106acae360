package io.phaseflow.engine.plan;

import static io.phaseflow.engine.testing.DefinitionBuilder.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where a workflow goes when an entry closes, as a table: pure, no server. */
class TransitionRulesTest {
  private static final TransitionTable TABLE =
      new Compiler()
          .compile(
              workflow("rules")
                  .initial("a", "b", "error")
                  .phase("b", "done", null, "H")
                  .end("done")
                  .end("error")
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
    Decision decision = TransitionRules.decide(TABLE, phase, succeeded, viaError);

    assertThat(describe(decision)).isEqualTo(expected);
  }

  private static String describe(Decision d) {
    if (d instanceof Decision.Enter e) {
      return "enter " + e.phase() + (e.viaError() ? " (error edge)" : "");
    }
    return "finish " + (((Decision.Finish) d).succeeded() ? "succeeded" : "failed");
  }
}
