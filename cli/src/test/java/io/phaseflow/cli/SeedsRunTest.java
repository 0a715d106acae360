package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.testing.RepoFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every seed system's example, as its authors wrote it (converted only where their language forces
 * it), runs to its final state with {@code ./phaseflow run} on the embedded engine and the samples.
 */
class SeedsRunTest extends CliCapture {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "seeds/000-redis-workflow.json    | {}                      | succeeded in phase 'succeeded'",
        "seeds/001-stepper-chain.json     | {\"commit\": \"a1\"}    | succeeded in phase 'done'",
        "seeds/002-gush-import.json       | {}                      | succeeded in phase 'succeeded'",
        "book-word-counts.yaml            | {}                      | succeeded in phase 'succeeded'",
        "seeds/004-distribot-search.json  | {\"query\": \"redis\"}  | succeeded in phase 'finished'",
      })
  void aSeedExampleRunsToItsFinalState(String file, String input, String end) {
    int code = phaseflow("run", RepoFiles.definition(file).toString(), "--input", input);

    assertThat(code).as(out + err).isZero();
    assertThat(out).contains(end);
  }
}
