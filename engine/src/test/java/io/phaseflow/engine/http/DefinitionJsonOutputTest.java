package io.phaseflow.engine.http;

import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.testing.Golden;
import io.phaseflow.engine.testing.RepoFiles;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dashboard's definition JSON ({@code /api/definitions/NAME}) of every sample, as pinned. */
class DefinitionJsonOutputTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "book-word-counts.json",
        "fanout-dag.json",
        "import-report.json",
        "payments-failing.json",
        "search.json"
      })
  void describesEachSampleAsPinned(String file) {
    var plan = CompiledDefinition.of(RepoFiles.definition(file)).plan();
    Golden.assertMatches(
        "http/" + file, DefinitionJson.definition(plan, List.of(plan.version())).toPrettyString());
  }
}
