package io.phaseflow.engine.graph;

import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.testing.Golden;
import io.phaseflow.engine.testing.RepoFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code phaseflow graph} draws every sample definition exactly as pinned, in both formats. */
class GraphOutputTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "book-word-counts.json",
        "fanout-dag.json",
        "import-report.json",
        "payments-failing.json",
        "search.json"
      })
  void drawsEachSampleAsPinned(String file) {
    var plan = CompiledDefinition.of(RepoFiles.definition(file)).plan();
    GraphRenderer renderer = new GraphRenderer();
    Golden.assertMatches("graph/" + file + ".mmd", renderer.render(plan, GraphFormat.MERMAID));
    Golden.assertMatches("graph/" + file + ".dot", renderer.render(plan, GraphFormat.DOT));
  }
}
