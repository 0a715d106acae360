package io.phaseflow.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phaseflow.engine.definition.Definition;
import io.phaseflow.engine.definition.DefinitionLoader;
import io.phaseflow.engine.definition.Edge;
import io.phaseflow.engine.definition.PhaseDefinition;
import io.phaseflow.engine.testing.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped sample compiles, and the table read back from the state machine is the graph. */
class CompilerTest {

  static Stream<Path> samples() throws IOException {
    return Files.list(RepoFiles.root().resolve("definitions"))
        .filter(p -> p.toString().endsWith(".json"))
        .sorted();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void compilesAndTheTableMatchesTheDefinition(Path sample) {
    Definition definition = new DefinitionLoader().load(sample);

    Plan plan = CompiledDefinition.compile(definition);

    TransitionTable table = plan.table();
    assertThat(table.phases()).containsExactlyElementsOf(plan.phases().keySet());
    assertThat(table.edges())
        .containsExactlyElementsOf(
            plan.phases().values().stream().flatMap(p -> p.edges().stream()).toList());
    for (PhaseDefinition phase : plan.phases().values()) {
      String name = phase.name();
      assertThat(table.target(name, Edge.Kind.NEXT)).as(name).isEqualTo(phase.transitionsTo());
      assertThat(table.target(name, Edge.Kind.ERROR))
          .as(name)
          .isEqualTo(phase.onErrorTransitionTo());
      assertThat(table.isFinal(name)).as(name).isEqualTo(phase.isFinal());
      if (phase.initial()) {
        assertThat(plan.table().initial()).isEqualTo(phase.name());
      }
    }
    if (definition.kind() == Definition.Kind.TASKS) {
      assertThat(plan.table().initial()).isEqualTo(Compiler.RUN);
      assertThat(plan.tasks()).hasSameSizeAs(definition.tasks());
    }
  }

  @ParameterizedTest
  @MethodSource("samples")
  void anUnknownPhaseIsAClearError(Path sample) {
    Plan plan = CompiledDefinition.of(sample).plan();

    assertThatThrownBy(() -> plan.table().target("no-such-phase", Edge.Kind.NEXT))
        .hasMessageContaining("has no phase 'no-such-phase'")
        .hasMessageContaining("new version");
  }
}
