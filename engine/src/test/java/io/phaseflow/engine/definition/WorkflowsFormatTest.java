package io.phaseflow.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.phaseflow.engine.testing.RepoFiles;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workflow-manager format (workflows: [...]) in YAML and JSON, and YAML's located errors. */
class WorkflowsFormatTest {
  private final DefinitionLoader loader = new DefinitionLoader();

  private static final String TWO =
      """
      workflows:
        - name: book-word-counts
          steps:
            - name: book-split
            - name: section-counts
              task: word-counts
              depends: [ book-split ]
            - name: sum-splits
              depends: [ section-counts ]
          tasks:
            - name: word-counts
              itemListKey: sections
              steps:
                - name: segment-word-counts
                  queue: counter
        - name: second
          steps:
            - name: only
              queue: Noop
      """;

  private DefinitionException rejected(String text) {
    return org.assertj.core.api.Assertions.catchThrowableOfType(
        DefinitionException.class, () -> loader.parseAll(text, "w.yaml"));
  }

  @Test
  void seed003sFileAsWrittenIsATaskDagWithAStepRunPerItem() throws Exception {
    String text = Files.readString(RepoFiles.definition("book-word-counts.yaml"));

    Definition d = loader.parse(text, "book-word-counts.yaml");

    assertThat(d.name()).isEqualTo("book-word-counts");
    assertThat(d.kind()).isEqualTo(Definition.Kind.TASKS);
    assertThat(d.tasks())
        .extracting(
            TaskDefinition::name,
            t -> t.handler().name(),
            TaskDefinition::parents,
            TaskDefinition::forEach)
        .containsExactly(
            tuple("book-split", "book-split", List.of(), null),
            tuple(
                "section-counts",
                "segment-word-counts",
                List.of("book-split"),
                "itemListKey:sections"),
            tuple("sum-splits", "sum-splits", List.of("section-counts"), null),
            tuple("store-title", "store-title", List.of(), null));
  }

  @Test
  void aFileMayHoldSeveralWorkflowsAndOneIsChosenByName() {
    assertThat(loader.parseAll(TWO, "w.yaml"))
        .extracting(Definition::name)
        .containsExactly("book-word-counts", "second");
    assertThat(loader.parse(TWO, "w.yaml", "second").tasks().get(0).handler().name())
        .isEqualTo("Noop");
    assertThat(loader.parse(TWO, "w.yaml", "book-word-counts").tasks().get(1).handler().name())
        .as("the queue of the task's step")
        .isEqualTo("counter");
    assertThatThrownBy(() -> loader.parse(TWO, "w.yaml"))
        .hasMessageContaining("holds 2 workflows: 'book-word-counts', 'second'; say which one")
        .hasMessageContaining("--workflow NAME");
    assertThatThrownBy(() -> loader.parse(TWO, "w.yaml", "secnd"))
        .hasMessageContaining("holds no workflow named 'secnd'")
        .hasMessageContaining("did you mean 'second'?");
  }

  @Test
  void theSameStructureReadsFromJsonAndEachWorkflowGetsATextOfItsOwn() {
    String json =
        "{\"workflows\": [{\"name\": \"a\", \"steps\": [{\"name\": \"x\"}]},"
            + " {\"name\": \"b\", \"steps\": [{\"name\": \"y\", \"depends\": []}]}]}";
    assertThat(loader.parseAll(json, "w.json"))
        .extracting(Definition::name)
        .containsExactly("a", "b");
    String alone = loader.workflowTexts(TWO, "w.yaml").get("second");
    assertThat(loader.parse(alone, "stored").name()).isEqualTo("second");
  }

  @Test
  void mistakesAreLocatedAtTheFilesOwnPathsWithHints() {
    DefinitionException e =
        rejected(
            """
            workflows:
              - name: w
                steps:
                  - name: a
                    dependz: [ b ]
                  - name: b
                    task: word-count
                    depends: [ a, c ]
                tasks:
                  - name: word-counts
                    itemListKey: sections
                    steps:
                      - name: one
                      - name: two
            """);
    assertThat(e.errors())
        .extracting(DefinitionError::path, DefinitionError::hint)
        .contains(
            tuple("$.workflows[0].steps[0].dependz", "did you mean 'depends'?"),
            tuple(
                "$.workflows[0].tasks[0].steps",
                "give it one step (chain several in the workflow's own steps instead)"),
            tuple("$.workflows[0].steps[1].depends[1]", "the tasks are: 'a', 'b'"));
    assertThat(e.errors())
        .extracting(DefinitionError::path)
        .contains("$.workflows[0].steps[1].task");
  }

  @Test
  void malformedYamlSaysWhereAndThatJsonAndYamlAreRead() {
    DefinitionException e = rejected("workflows:\n  - name: w\n   steps: [\n");
    assertThat(e.errors()).hasSize(1);
    assertThat(e.errors().get(0).message()).startsWith("malformed YAML at line 3, column");
    assertThat(e.errors().get(0).hint()).contains("definitions are read as JSON or YAML");

    DefinitionException neither = rejected("just some words");
    assertThat(neither.errors().get(0).message())
        .isEqualTo(
            "the definition is neither JSON nor YAML with keys: it is a plain value, 'just some"
                + " words'");
    assertThat(neither.errors().get(0).hint()).contains("definitions are read as JSON or YAML");
  }

  @Test
  void aDuplicateYamlKeyIsAnErrorWithItsLine() {
    DefinitionException e =
        rejected("workflows:\n  - name: w\n    name: v\n    steps: [ {name: a} ]\n");
    assertThat(e.errors().get(0).path()).isEqualTo("$.workflows[0].name");
    assertThat(e.errors().get(0).message()).contains("duplicate key 'name'").contains("line 3");
  }
}
