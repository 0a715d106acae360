package io.phaseflow.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.NullNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a valid definition loads into, and how whole-file problems are reported. */
class DefinitionLoaderTest {
  private static final String SEED_EXAMPLE =
      "{\"workflow\":\"search\",\"phases\":{\"pending\":{\"is_initial\":true,\"transitions_to\":"
          + "\"searching\",\"on_error_transition_to\":\"error\"},\"searching\":{\"transitions_to\":"
          + "\"fetching-pages\",\"on_error_transition_to\":\"error\",\"handlers\":[\"LocalSearcher\"]},"
          + "\"fetching-pages\":{\"transitions_to\":\"finished\",\"on_error_transition_to\":\"error\","
          + "\"handlers\":[{\"name\":\"PageSummarizer\",\"for_each\":\"/inputs/LocalSearcher/*/hits\"}]},"
          + "\"error\":{\"is_final\":true,\"handlers\":[\"ErrorReporter\"]},\"finished\":{\"is_final\":"
          + "true,\"handlers\":[\"JobFinisher\"]}}}";

  private final DefinitionLoader loader = new DefinitionLoader();

  /** Phases p0 → p1 → ... → p{n-1} → done, each failing to error: n + 2 phases. */
  private static String chain(int phases) {
    StringBuilder json = new StringBuilder("{\"workflow\": \"chain\", \"phases\": {");
    for (int i = 0; i < phases; i++) {
      json.append(
          String.format(
              "\"p%d\": {%s\"transitions_to\": \"%s\", \"on_error_transition_to\": \"error\"},",
              i, i == 0 ? "\"is_initial\": true, " : "", i + 1 < phases ? "p" + (i + 1) : "done"));
    }
    return json.append("\"done\": {\"is_final\": true}, \"error\": {\"is_final\": true}}}")
        .toString();
  }

  private DefinitionException rejected(String json) {
    return catchThrowableOfType(DefinitionException.class, () -> loader.parse(json, "test.json"));
  }

  @Test
  void seedExampleLoadsWithPhasesInFileOrderAndDefaults() {
    Definition definition = loader.parse(SEED_EXAMPLE, "search.json");

    assertThat(definition.name()).isEqualTo("search");
    assertThat(definition.version()).isEqualTo(1);
    assertThat(definition.source()).isEqualTo("search.json");
    assertThat(definition.kind()).isEqualTo(Definition.Kind.PHASES);
    assertThat(definition.data().isObject() && definition.data().isEmpty()).isTrue();
    assertThat(definition.tasks()).isEmpty();
    assertThat(definition.phases().keySet())
        .containsExactly("pending", "searching", "fetching-pages", "error", "finished");
    assertThat(definition.phases().get("pending"))
        .isEqualTo(new PhaseDefinition("pending", true, false, "searching", "error", List.of()));
    assertThat(definition.phases().get("fetching-pages").handlers())
        .containsExactly(
            new HandlerReference(
                "PageSummarizer",
                1,
                "/inputs/LocalSearcher/*/hits",
                HandlerReference.DEFAULT_MAX_ATTEMPTS));
    assertThat(definition.phases().get("finished").handlers())
        .containsExactly(HandlerReference.named("JobFinisher"));
  }

  @Test
  void arrayFormKeepsOrderAndHandlerOptions() {
    Definition definition = loader.load(Fixtures.fixture("valid", "array-form"));

    assertThat(definition.name()).isEqualTo("report.nightly");
    assertThat(definition.version()).isEqualTo(3);
    assertThat(definition.data().path("regions").size()).isEqualTo(2);
    assertThat(definition.phases().keySet()).containsExactly("collect", "render", "failed", "done");
    assertThat(definition.phases().get("collect").handlers())
        .containsExactly(new HandlerReference("RegionCollector", 2, "/data/regions", 5));
    assertThat(definition.phases().get("render").handlers())
        .extracting(HandlerReference::version)
        .containsExactly(1, 2);
  }

  @Test
  void taskEdgesAreNormalisedToParents() {
    Definition definition = loader.load(Fixtures.fixture("valid", "dag-edges"));

    assertThat(definition.kind()).isEqualTo(Definition.Kind.TASKS);
    assertThat(definition.phases()).isEmpty();
    assertThat(definition.tasks())
        .extracting(TaskDefinition::name, TaskDefinition::parents)
        .containsExactly(
            tuple("TestNode1", List.of()),
            // declared both as its parent and as TestNode1's child: once
            tuple("TestNode2", List.of("TestNode1")),
            tuple("TestNode3", List.of("TestNode2")),
            tuple("TestNode4", List.of("TestNode2")),
            // own parents, then depends
            tuple("report", List.of("TestNode4", "TestNode3")));
    TaskDefinition first = definition.tasks().get(0);
    assertThat(first.handler()).isEqualTo(HandlerReference.named("TestNode1"));
    assertThat(first.payload().textValue()).isEqualTo("Node1");
    assertThat(definition.tasks().get(3).handler().name()).isEqualTo("Node4Handler");
    assertThat(definition.tasks().get(4).handler())
        .isEqualTo(new HandlerReference("Reporter", 2, null, 1));
  }

  @Test
  void missingPayloadIsJsonNull() {
    Definition definition = loader.parse("{\"workflow\":\"w\",\"tasks\":[{\"name\":\"a\"}]}", "t");
    assertThat(definition.tasks().get(0).payload()).isEqualTo(NullNode.getInstance());
  }

  @Test
  void malformedJsonIsOneErrorWithLineAndColumn() {
    DefinitionException rejected = rejected("{\n  \"workflow\": \"w\"\n  \"phases\": {}\n}");
    assertThat(rejected.errors()).hasSize(1);
    DefinitionError error = rejected.errors().get(0);
    assertThat(error.source()).isEqualTo("test.json");
    assertThat(error.path()).isEqualTo("$");
    assertThat(error.message()).startsWith("malformed JSON at line 3, column 3:");
    assertThat(error.hint()).contains("missing comma");
  }

  @Test
  void emptyTextAndTrailingContentAreReported() {
    assertThat(rejected("  ").errors().get(0).message()).isEqualTo("the definition is empty");
    assertThat(rejected(SEED_EXAMPLE + " {}").errors().get(0).message())
        .startsWith("unexpected content after the end of the definition at line 1");
  }

  @Test
  void documentMustBeAnObject() {
    assertThat(rejected("[1]").errors().get(0).message())
        .isEqualTo("the definition must be a JSON object, but is an array");
  }

  @Test
  void everyProblemInAFileIsReportedInOnePass() {
    String json =
        "{\"workflow\": \"w\", \"version\": \"2\", \"phases\": {"
            + "\"start\": {\"is_initial\": true, \"transitions_to\": \"middle\", \"handlers\": 5},"
            + "\"middle\": {\"transitions_to\": \"ned\", \"is_inital\": false},"
            + "\"end\": {\"is_final\": true, \"transitions_to\": \"start\"}}}";
    DefinitionException rejected = rejected(json);

    assertThat(rejected.errors())
        .extracting(DefinitionError::path)
        .containsExactlyInAnyOrder(
            "$.version",
            "$.phases.start.handlers",
            "$.phases.middle.is_inital",
            "$.phases.middle.transitions_to",
            "$.phases.end.transitions_to");
    assertThat(rejected.getMessage())
        .startsWith("5 errors in definition:")
        .contains(
            "test.json: $.phases.middle.transitions_to: phase 'middle' has transitions_to"
                + " 'ned', but there is no phase 'ned' (hint: did you mean 'end'?)");
  }

  @Test
  void oddNamesAreQuotedInPaths() {
    DefinitionException rejected =
        rejected(
            "{\"workflow\":\"w\",\"phases\":{\"my.phase\":{\"is_initial\":true,"
                + "\"is_final\":\"no\"}}}");
    assertThat(rejected.errors().get(0).path()).isEqualTo("$.phases['my.phase'].is_final");
  }

  @Test
  void loadNamesTheFileInEveryError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\"workflow\": \"w\"}");
    DefinitionException rejected =
        catchThrowableOfType(DefinitionException.class, () -> loader.load(file));
    assertThat(rejected.errors())
        .allSatisfy(e -> assertThat(e.source()).isEqualTo(file.toString()));
    assertThat(rejected.retryable()).isFalse();
  }

  @Test
  void maxTransitionsDefaultsToAThousandAndCanBeSet() {
    assertThat(loader.parse(SEED_EXAMPLE, "test.json").maxTransitions()).isEqualTo(1_000);
    String withLimit = SEED_EXAMPLE.replaceFirst("\\{", "{\"max_transitions\": 5000, ");
    assertThat(loader.parse(withLimit, "test.json").maxTransitions()).isEqualTo(5_000);
    String longChain = chain(1_500);
    assertThat(loader.parse(longChain, "chain.json").maxTransitions())
        .as("never shorter than a straight run through every phase")
        .isEqualTo(1_502);
    String tooMany = SEED_EXAMPLE.replaceFirst("\\{", "{\"max_transitions\": 1000001, ");
    assertThat(rejected(tooMany).errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("from 1 to 1,000,000"));
  }

  @Test
  void taskNamesFollowTheNameRule() {
    DefinitionException rejected =
        rejected("{\"workflow\":\"w\",\"tasks\":[{\"name\":\"a/b\",\"handler\":\"H\"}]}");
    assertThat(rejected.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("$.tasks[0].name");
              assertThat(e.message()).startsWith("task name 'a/b' has the character '/' U+002F");
              assertThat(e.hint()).isEqualTo("rename it, e.g. 'a-b'");
            });
  }

  @Test
  @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aDeviceIsRejectedAtOnceNamingTheFile() {
    DefinitionException rejected =
        catchThrowableOfType(DefinitionException.class, () -> loader.load(Path.of("/dev/zero")));
    assertThat(rejected.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.source()).isEqualTo("/dev/zero");
              assertThat(e.message()).contains("not a regular file");
            });
  }

  @Test
  @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aFifoIsRejectedAtOnceInsteadOfWaitingForAWriter(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("definition.json");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    DefinitionException rejected =
        catchThrowableOfType(DefinitionException.class, () -> loader.load(fifo));
    assertThat(rejected.errors().get(0).message()).contains("not a regular file");
  }

  @Test
  void aDirectoryIsAClearError(@TempDir Path dir) {
    DefinitionException rejected =
        catchThrowableOfType(DefinitionException.class, () -> loader.load(dir));
    assertThat(rejected.errors().get(0).message())
        .isEqualTo("is a directory, not a definition file");
  }

  @Test
  void aFileOverTheSizeLimitIsRejectedSayingTheLimit(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("big.json");
    Files.writeString(file, SEED_EXAMPLE + " ".repeat(100));
    DefinitionLoader small = new DefinitionLoader(SEED_EXAMPLE.length());
    DefinitionException rejected =
        catchThrowableOfType(DefinitionException.class, () -> small.load(file));
    assertThat(rejected.errors().get(0).message())
        .isEqualTo(
            String.format(
                "definition file is larger than the limit of %,d bytes", SEED_EXAMPLE.length()));
    assertThat(new DefinitionLoader(SEED_EXAMPLE.length() + 100).load(file).name())
        .isEqualTo("search");
    assertThat(DefinitionLoader.DEFAULT_MAX_BYTES).isEqualTo(4 * 1024 * 1024);
  }

  @Test
  void missingFileIsADefinitionError(@TempDir Path dir) {
    DefinitionException rejected =
        catchThrowableOfType(
            DefinitionException.class, () -> loader.load(dir.resolve("nowhere.json")));
    assertThat(rejected.errors().get(0).message()).isEqualTo("definition file not found");
  }
}
