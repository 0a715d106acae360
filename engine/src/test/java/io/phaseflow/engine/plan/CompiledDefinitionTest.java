package io.phaseflow.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.phaseflow.engine.definition.DefinitionError;
import io.phaseflow.engine.definition.DefinitionException;
import io.phaseflow.engine.testing.RepoFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one way from a source to a plan: what it keeps, and what it refuses, located. */
class CompiledDefinitionTest {

  static Stream<Arguments> goodFiles() {
    return Stream.of(
        Arguments.of("search.json", "search", 1, false),
        Arguments.of("fanout-dag.json", "fanout-dag", 1, true),
        Arguments.of("payments-failing.json", "payments-failing", 1, false));
  }

  @ParameterizedTest
  @MethodSource("goodFiles")
  void aGoodFileCompilesAndKeepsItsTextAsRead(
      String file, String name, int version, boolean taskGraph) throws IOException {
    Path path = RepoFiles.definition(file);

    CompiledDefinition compiled = CompiledDefinition.of(path);

    assertThat(compiled.name()).isEqualTo(name);
    assertThat(compiled.version()).isEqualTo(version);
    assertThat(compiled.plan().isTaskGraph()).isEqualTo(taskGraph);
    assertThat(compiled.definition()).isSameAs(compiled.plan().definition());
    assertThat(compiled.text()).isEqualTo(Files.readString(path, StandardCharsets.UTF_8));
    assertThat(compiled.hash()).hasSize(64).isEqualTo(CompiledDefinition.sha256(compiled.text()));
  }

  static Stream<Arguments> badSources() {
    Path root = RepoFiles.root();
    return Stream.of(
        Arguments.of(
            root.resolve("definitions/broken/search-with-mistakes.json"),
            "$.phases.pending",
            "transition_to"),
        Arguments.of(
            root.resolve(
                "engine/src/test/resources/definitions/invalid-semantic/"
                    + "final-with-transitions-to.json"),
            "$.phases.finished",
            "transitions_to"),
        Arguments.of(root.resolve("definitions/no-such-file.json"), "$", "not found"),
        Arguments.of(root.resolve("definitions"), "$", "is a directory"));
  }

  @ParameterizedTest
  @MethodSource("badSources")
  void aBadFileIsRefusedWithErrorsNamingFileAndPath(Path file, String path, String says) {
    DefinitionException e =
        catchThrowableOfType(() -> CompiledDefinition.of(file), DefinitionException.class);

    assertThat(e).as("refused").isNotNull();
    assertThat(e.errors()).allSatisfy(x -> assertThat(x.source()).isEqualTo(file.toString()));
    assertThat(e.errors())
        .anySatisfy(
            x -> {
              assertThat(x.path()).startsWith(path);
              assertThat(x.message() + " " + x.hint()).contains(says);
            });
  }

  @Test
  void textIsLocatedByTheSourceNameGiven() {
    DefinitionException e =
        catchThrowableOfType(
            () -> CompiledDefinition.of("{\"workflow\": ", "redis:pf:def:x#1"),
            DefinitionException.class);

    assertThat(e.errors()).extracting(DefinitionError::source).containsOnly("redis:pf:def:x#1");
  }

  @Test
  void theHashIsTheSha256OfTheTextAndStableForTheSameText() {
    String text =
        "{\"workflow\": \"w\", \"phases\": {\"a\": {\"is_initial\": true, \"transitions_to\":"
            + " \"b\"}, \"b\": {\"is_final\": true}}}";

    CompiledDefinition first = CompiledDefinition.of(text, "one");
    CompiledDefinition again = CompiledDefinition.of(text, "two");
    CompiledDefinition spaced = CompiledDefinition.of(text + "\n", "three");

    assertThat(again.hash()).isEqualTo(first.hash());
    assertThat(spaced.hash()).isNotEqualTo(first.hash());
    assertThat(CompiledDefinition.sha256(""))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(CompiledDefinition.sha256("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
