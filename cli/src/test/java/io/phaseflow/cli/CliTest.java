package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.testing.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The phaseflow command line, end to end on the shipped samples, embedded. */
class CliTest extends CliCapture {

  private static String sample(String name) {
    return RepoFiles.definition(name).toString();
  }

  @Test
  void runSearchPrintsEveryTransitionWithTimingAndSucceeds() {
    int code = phaseflow("run", sample("search.json"));

    assertThat(code).as(out + err).isZero();
    assertThat(out)
        .containsSubsequence(
            "→ pending",
            "pending → searching",
            "searching → fetching-pages",
            "fetching-pages → finished",
            "finished → (end)",
            "succeeded in phase 'finished'")
        .contains("PageSummarizer 3/3 ok")
        .containsPattern("fetching-pages → finished\\s+succeeded\\s+\\d+ ms");
  }

  @Test
  void runFailingSampleRoutesToErrorPhaseNamesTheFailureAndExitsNonZero() {
    int code = phaseflow("run", sample("payments-failing.json"));

    assertThat(code).isEqualTo(PhaseflowCommand.WORKFLOW_FAILED);
    assertThat(out)
        .contains("validating → rejected")
        .contains("failed in phase 'rejected'")
        .contains("p-2")
        .doesNotContain("→ settling");
  }

  @Test
  void runInputOverridesDefinitionData() {
    int code = phaseflow("run", sample("search.json"), "--input", "{\"query\": \"   \"}");

    assertThat(code).isEqualTo(PhaseflowCommand.WORKFLOW_FAILED);
    assertThat(out).contains("searching → error").contains("query");
  }

  @Test
  void runsEveryOtherSampleToSuccess() {
    for (String name :
        new String[] {"book-word-counts.json", "import-report.json", "fanout-dag.json"}) {
      assertThat(phaseflow("run", sample(name))).as(name + ":\n" + out + err).isZero();
    }
    assertThat(out).contains("run → succeeded").contains("Sleeper 4/4 ok");
  }

  @Test
  void validateAcceptsEverySample() {
    try (var files = Files.list(RepoFiles.root().resolve("definitions"))) {
      String[] args =
          java.util.stream.Stream.concat(
                  java.util.stream.Stream.of("validate"),
                  files.filter(f -> f.toString().endsWith(".json")).map(Path::toString))
              .toArray(String[]::new);
      assertThat(phaseflow(args)).as(err).isZero();
      assertThat(out).contains("ok ").contains("search.json");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void validatePrintsEveryErrorWithItsPath(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.json");
    Files.writeString(
        broken,
        """
        {"workflow": "broken", "phases": {
          "a": {"is_initial": true, "transition_to": "b"},
          "b": {"is_final": true, "transitions_to": "a"},
          "c": {"transitions_to": "nowhere"}
        }}
        """);

    assertThat(phaseflow("validate", broken.toString())).isEqualTo(1);
    assertThat(err)
        .contains("broken.json")
        .contains("$.phases.a.transition_to")
        .contains("transitions_to")
        .contains("$.phases.b.transitions_to")
        .contains("nowhere");
  }

  @Test
  void validateRejectsAGraphThatCanNeverFinish() {
    Path cyclic = RepoFiles.root().resolve("definitions/broken/search-without-end.json");

    assertThat(phaseflow("validate", cyclic.toString())).isEqualTo(1);
    assertThat(err)
        .contains("FAIL " + cyclic + ": 1 error(s)")
        .contains("$.phases: no phase is marked \"is_final\": true, so a workflow can never finish")
        .contains("'pending', 'searching', 'fetching-pages', 'error', 'finished'");
  }

  @Test
  void runOfALoopThatNeverSucceedsEndsFailedAtItsTransitionLimit(@TempDir Path dir)
      throws Exception {
    // The fixture is in the engine's test jar, so it is copied out to be a file `run` can read.
    Path loop = dir.resolve("payments-retry-forever.json");
    try (var in =
        getClass().getResourceAsStream("/definitions/valid/payments-retry-forever.json")) {
      Files.copy(in, loop);
    }

    int code = phaseflow("run", loop.toString());

    assertThat(code).as(out + err).isEqualTo(PhaseflowCommand.WORKFLOW_FAILED);
    assertThat(out)
        .contains("validating → waiting")
        .contains("reached the limit of 20 transitions (max_transitions)")
        .doesNotContain("→ settled");
  }

  @Test
  void runNamesTheHandlersNothingServesAtOnceInsteadOfWaiting(@TempDir Path dir) throws Exception {
    Path definition = dir.resolve("unserved.json");
    Files.writeString(
        definition,
        Files.readString(Path.of(sample("search.json")))
            .replace("\"PageSummarizer\"", "\"PageSummariser\""));

    long started = System.nanoTime();
    int code = phaseflow("run", definition.toString());

    assertThat(code).as(out + err).isEqualTo(PhaseflowCommand.BAD_INPUT);
    assertThat(err)
        .contains(definition + ": no handler in this process serves PageSummariser v1 (run has: ")
        .contains("PageSummarizer v1");
    assertThat(out).doesNotContain("→");
    assertThat(System.nanoTime() - started).isLessThan(10_000_000_000L);
  }

  @Test
  void theInspectionCommandsHaveHelp() {
    for (String command : new String[] {"history", "status", "list", "result"}) {
      assertThat(phaseflow(command, "--help")).as(command + err).isZero();
      assertThat(out).contains("Usage: phaseflow " + command).contains("--json", "--namespace");
    }
  }

  @Test
  void runRejectsMalformedInputClearly() {
    assertThat(phaseflow("run", sample("search.json"), "--input", "{query:")).isEqualTo(2);
    assertThat(err).contains("--input is not valid JSON");
  }

  @Test
  void graphDrawsPhasesHandlersAndErrorEdges() {
    assertThat(phaseflow("graph", sample("search.json"))).isZero();
    assertThat(out)
        .startsWith("flowchart TD")
        .contains("PageSummarizer ×N")
        .contains("-. error .->");

    assertThat(phaseflow("graph", "--format", "dot", sample("import-report.json"))).isZero();
    assertThat(out).startsWith("digraph \"import-report\"").contains("GenReport").contains("->");
  }

  @Test
  void aDeadServerIsAClearErrorWithItsOwnExitCodeAndNoPassword() {
    int code =
        phaseflow(
            "load", "--redis", "redis://admin:sup3rsecret@127.0.0.1:1/0", sample("search.json"));

    assertThat(code).isEqualTo(PhaseflowCommand.SERVER_UNAVAILABLE);
    assertThat(err)
        .contains("cannot reach Redis at redis://admin:***@127.0.0.1:1/0")
        .contains("is it running?")
        .doesNotContain("sup3rsecret");
  }

  @Test
  void inputAtFileWorksAsASeparateArgumentAsDocumented(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("input.json");
    Files.writeString(input, "{\"query\": \"   \"}");

    int code = phaseflow("run", sample("search.json"), "--input", "@" + input);

    assertThat(code).as(out + err).isEqualTo(PhaseflowCommand.WORKFLOW_FAILED);
    assertThat(out).contains("searching → error");
  }

  @Test
  void inputAtADirectoryOrAMissingFileIsAClearErrorWithoutAStackTrace(@TempDir Path dir) {
    assertThat(phaseflow("run", sample("search.json"), "--input", "@" + dir)).isEqualTo(2);
    assertThat(err)
        .contains("--input @" + dir + ": is a directory")
        .doesNotContain("\tat ")
        .hasLineCount(1);

    Path missing = dir.resolve("nope.json");
    assertThat(phaseflow("run", sample("search.json"), "--input=@" + missing)).isEqualTo(2);
    assertThat(err).contains("--input @" + missing + ": no such file").hasLineCount(1);
  }

  @Test
  void startCountOutsideItsRangeSaysTheRangeBeforeConnecting() {
    for (String count : new String[] {"0", "-3", "1000001"}) {
      int code =
          phaseflow(
              "start",
              "search",
              "--count",
              count,
              "--redis",
              "127.0.0.1:1",
              "--amqp",
              "amqp://127.0.0.1:1");

      assertThat(code).as(count + ": " + err).isEqualTo(PhaseflowCommand.BAD_INPUT);
      assertThat(err).contains("--count must be from 1 to 1000000, not " + count);
    }
  }

  @Test
  void startJsonWithoutWaitIsRefusedBeforeConnecting() {
    assertThat(phaseflow("start", "search", "--json", "--redis", "redis://127.0.0.1:1"))
        .isEqualTo(2);
    assertThat(err).contains("--json writes each workflow's result as it ends: add --wait");
  }

  @Test
  void startRefusesAnUnknownPriorityNamingTheAcceptedOnesBeforeConnecting() {
    assertThat(
            phaseflow("start", "search", "--priority", "urgent", "--redis", "redis://127.0.0.1:1"))
        .isEqualTo(PhaseflowCommand.BAD_INPUT);
    assertThat(err)
        .contains("--priority: unknown priority 'urgent'; expected one of high, normal, low");
  }

  @Test
  void historyRefusesAWidthBelowOne() {
    assertThat(
            phaseflow("history", "w1", "--jobs", "--width", "0", "--redis", "redis://127.0.0.1:1"))
        .isEqualTo(2);
    assertThat(err).contains("--width must be 1 or more, not 0");
  }
}
