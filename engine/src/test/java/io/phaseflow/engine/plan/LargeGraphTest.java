package io.phaseflow.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.bench.ValidationBenchmark;
import io.phaseflow.engine.definition.Definition;
import io.phaseflow.engine.definition.DefinitionLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Validation and compilation stay linear: 100,000 phases, each with an error edge and a for_each
 * over the previous phase, load and compile well inside the time limit (a few seconds of CPU; a
 * quadratic step, such as asking every phase for its predecessors, takes minutes here). Not a speed
 * figure: {@code phaseflow bench validate} prints those.
 */
class LargeGraphTest {

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aHundredThousandPhasesValidateAndCompile() {
    Definition definition =
        new DefinitionLoader().parse(ValidationBenchmark.chain(100_000), "chain-100000");

    Plan plan = new Compiler().compile(definition);

    assertThat(plan.table().rows()).hasSize(100_002);
    assertThat(plan.table().row("p99999").onSuccess()).isEqualTo("done");
    assertThat(plan.table().row("p500").onError()).isEqualTo("error");
  }
}
