package io.phaseflow.handlers.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shipped definitions in {@code definitions/} do what their descriptions say. */
class SampleDefinitionsTest {
  private final DefinitionWalker walker = new DefinitionWalker();

  @Test
  void everyDefinitionNamesOnlySampleHandlers() throws IOException {
    try (Stream<Path> files = Files.list(definitions())) {
      List<Path> json = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      assertThat(json).extracting(f -> f.getFileName().toString()).contains("search.json");
      for (Path file : json) {
        for (JsonNode name : Json.MAPPER.readTree(file.toFile()).findValues("handlers")) {
          name.forEach(
              ref -> {
                String handler = ref.isTextual() ? ref.asText() : ref.get("name").asText();
                assertThat(SampleHandlers.registry().find(handler, 1))
                    .as(file + " " + handler)
                    .isPresent();
              });
        }
      }
    }
  }

  @Test
  void searchSummarisesThreePagesAndFinishes() throws IOException {
    DefinitionWalker.Outcome end = walker.run(load("search.json"));

    assertThat(end.path()).containsExactly("pending", "searching", "fetching-pages", "finished");
    assertThat(end.outputs().get("JobFinisher").get(0).get("pages"))
        .isEqualTo(TestJobs.json("[\"redis.txt\", \"workflows.txt\", \"rabbitmq.txt\"]"));
  }

  @Test
  void searchWithoutAQueryEndsInTheErrorPhase() throws IOException {
    JsonNode definition = load("search.json");
    ((com.fasterxml.jackson.databind.node.ObjectNode) definition).putObject("data");

    DefinitionWalker.Outcome end = walker.run(definition);

    assertThat(end.path()).containsExactly("pending", "searching", "error");
    assertThat(end.outputs().get("ErrorReporter").get(0).get("report").asText())
        .contains("data.query");
  }

  @Test
  void bookWordCountsSumsFourChapters() throws IOException {
    DefinitionWalker.Outcome end = walker.run(load("book-word-counts.json"));

    assertThat(end.path()).containsExactly("splitting", "counting", "summing", "done");
    assertThat(end.byPhase().get("counting").get("SectionCounter")).hasSize(4);
    JsonNode sums = end.byPhase().get("summing").get("CountSummer").get(0);
    assertThat(sums.get("total_words").asInt()).isEqualTo(266);
    assertThat(TestJobs.wire(sums.get("top").get(0))).isEqualTo(TestJobs.json("[\"the\", 50]"));
  }

  @Test
  void paymentsFailingIsRejectedNamingTheBadPayment() throws IOException {
    DefinitionWalker.Outcome end = walker.run(load("payments-failing.json"));

    assertThat(end.path()).containsExactly("validating", "rejected");
    assertThat(end.outputs().get("ErrorReporter").get(0).get("errors").get(0).asText())
        .contains("payment p-2", "-15");
  }

  @Test
  void importReportCombinesBothImports() throws IOException {
    DefinitionWalker.Outcome end = walker.run(load("import-report.json"));

    assertThat(end.path()).containsExactly("ImportCsv", "ImportXml", "GenReport");
    JsonNode report = end.outputs().get("GenReport");
    assertThat(report.get("records").asInt()).isEqualTo(5);
    assertThat(report.get("total").decimalValue()).isEqualByComparingTo("170.25");
  }

  @Test
  void fanoutDagRunsNodeOneThenTwoThenThreeAndFour() throws IOException {
    DefinitionWalker.Outcome end = walker.run(load("fanout-dag.json"));

    assertThat(end.path()).containsExactly("TestNode1", "TestNode2", "TestNode3", "TestNode4");
    assertThat(end.outputs().get("TestNode4").get("slept_ms").asInt()).isEqualTo(10);
  }

  private static JsonNode load(String name) throws IOException {
    return Json.MAPPER.readTree(definitions().resolve(name).toFile());
  }

  private static Path definitions() {
    String root = System.getenv("PHASEFLOW_TEST_ROOT"); // set by surefire to the project root
    return (root == null ? Path.of("..") : Path.of(root)).resolve("definitions");
  }
}
