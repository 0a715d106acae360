package io.phaseflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.definition.Definition;
import io.phaseflow.engine.definition.DefinitionLoader;
import io.phaseflow.engine.definition.Edge;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.plan.Plan;
import org.junit.jupiter.api.Test;

/**
 * A graph of 100,000 phases, each with an error edge and a for_each over the previous phase, loads
 * and compiles to the right table. It takes a few seconds of CPU since validation is linear (a
 * quadratic step made it take many minutes); the speed itself is a figure that {@code phaseflow
 * bench validate} prints, not something a test on a shared machine can time.
 */
class LargeGraphTest {

  @Test
  void aHundredThousandPhasesValidateAndCompile() {
    Definition definition =
        new DefinitionLoader().parse(ValidationBenchmark.chain(100_000), "chain-100000");

    Plan plan = CompiledDefinition.compile(definition);

    assertThat(plan.table().phases()).hasSize(100_002);
    assertThat(plan.table().target("p99999", Edge.Kind.NEXT)).isEqualTo("done");
    assertThat(plan.table().target("p500", Edge.Kind.ERROR)).isEqualTo("error");
  }
}
