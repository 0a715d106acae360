package io.phaseflow.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.RepoFiles;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import io.phaseflow.handlers.PhaseContext;
import io.phaseflow.samples.SampleHandlers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped definitions in {@code definitions/} do what their descriptions say, run by the
 * embedded engine with the sample handlers: the engine's own walk (for_each, barriers, error edges,
 * task parents), not a copy of it. It lives with the engine's tests, not in the samples module,
 * because the engine's tests use the samples as fixtures: the samples module cannot depend on the
 * engine without a module cycle.
 */
class SampleDefinitionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Which jobs started and ended, in order ("start 1" for job 1), to check a DAG's order. */
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());

  @Test
  void everyDefinitionNamesOnlySampleHandlers() throws IOException {
    try (Stream<Path> files = Files.list(RepoFiles.root().resolve("definitions"))) {
      List<Path> json = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      assertThat(json).extracting(f -> f.getFileName().toString()).contains("search.json");
      for (Path file : json) {
        for (JsonNode name : JSON.readTree(file.toFile()).findValues("handlers")) {
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
  void searchSummarisesThreePagesAndFinishes() throws Exception {
    Run run = run("search.json", "{}");

    assertThat(run.workflow.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(run.path()).containsExactly("pending", "searching", "fetching-pages", "finished");
    assertThat(run.outputs("fetching-pages", "PageSummarizer")).hasSize(3);
    JsonNode finished = run.outputs("finished", "JobFinisher").get(0);
    assertThat(finished.get("pages"))
        .isEqualTo(json("[\"redis.txt\", \"workflows.txt\", \"rabbitmq.txt\"]"));
    assertThat(finished.get("words").asInt()).isEqualTo(167);
    assertThat(finished.get("jobs")).isEqualTo(json("{\"PageSummarizer\": 3}"));
  }

  @Test
  void searchWithoutAQueryEndsInTheErrorPhase() throws Exception {
    Run run = run("search.json", "{\"query\": null}");

    assertThat(run.workflow.status()).isEqualTo(WorkflowStatus.FAILED);
    assertThat(run.path()).containsExactly("pending", "searching", "error");
    assertThat(run.outputs("error", "ErrorReporter").get(0).get("report").asText())
        .contains("data.query");
  }

  @Test
  void seed003sWorkflowManagerYamlCountsEachSectionAndSumsTheSameAsThePhases() throws Exception {
    Run run = run("book-word-counts.yaml", "{}");

    assertThat(run.workflow.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(run.path()).containsExactly("run", "succeeded");
    assertThat(run.task("section-counts")).hasSize(4);
    assertThat(run.task("section-counts[3]").get("index").asInt()).isEqualTo(3);
    JsonNode sums = run.task("sum-splits");
    assertThat(sums.get("sections").asInt()).isEqualTo(4);
    assertThat(sums.get("total_words").asInt()).isEqualTo(266);
    assertThat(sums.get("top").get(0)).isEqualTo(json("[\"the\", 50]"));
    assertThat(run.task("store-title").get("title").asText()).isNotBlank();
  }

  @Test
  void bookWordCountsSumsFourChapters() throws Exception {
    Run run = run("book-word-counts.json", "{}");

    assertThat(run.workflow.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(run.path()).containsExactly("splitting", "counting", "summing", "done");
    assertThat(run.outputs("counting", "SectionCounter")).hasSize(4);
    JsonNode sums = run.outputs("summing", "CountSummer").get(0);
    assertThat(sums.get("total_words").asInt()).isEqualTo(266);
    assertThat(sums.get("top").get(0)).isEqualTo(json("[\"the\", 50]"));
  }

  @Test
  void paymentsFailingIsRejectedNamingTheBadPayment() throws Exception {
    Run run = run("payments-failing.json", "{}");

    assertThat(run.workflow.status()).isEqualTo(WorkflowStatus.FAILED);
    assertThat(run.path()).containsExactly("validating", "rejected");
    assertThat(run.history.get(1).error()).contains("payment p-2", "-15");
    assertThat(run.outputs("rejected", "ErrorReporter").get(0).get("errors").get(0).asText())
        .contains("payment p-2", "-15");
  }

  @Test
  void importReportCombinesBothImports() throws Exception {
    Run run = run("import-report.json", "{}");

    assertThat(run.workflow.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(run.before("ImportCsv", "GenReport")).isTrue();
    assertThat(run.before("ImportXml", "GenReport")).isTrue();
    JsonNode report = run.task("GenReport");
    assertThat(report.get("records").asInt()).isEqualTo(5);
    assertThat(report.get("total").decimalValue()).isEqualByComparingTo("170.25");
  }

  @Test
  void fanoutDagRunsNodeOneThenTwoThenThreeAndFour() throws Exception {
    Run run = run("fanout-dag.json", "{}");

    assertThat(run.workflow.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(events).hasSize(8);
    assertThat(run.before("TestNode1", "TestNode2")).isTrue();
    assertThat(run.before("TestNode2", "TestNode3")).isTrue();
    assertThat(run.before("TestNode2", "TestNode4")).isTrue();
    for (String task : List.of("TestNode1", "TestNode2", "TestNode3", "TestNode4")) {
      assertThat(run.task(task).get("slept_ms").asInt()).as(task).isEqualTo(10);
    }
  }

  @Test
  void seed000RedisWorkflowAsSerializedRunsItsTasksInOrderOnOneTaskHandler() throws Exception {
    Run run = run("seeds/000-redis-workflow.json", "{}");

    assertThat(run.workflow.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(run.before("TestNode1", "TestNode2")).isTrue();
    assertThat(run.before("TestNode2", "TestNode3")).isTrue();
    assertThat(run.before("TestNode2", "TestNode4")).isTrue();
    assertThat(run.task("TestNode3").asText()).as("its payload, echoed").isEqualTo("Node3");
  }

  @Test
  void seed001StepperChainTakesItsOnSuccessEdgesToTheEnd() throws Exception {
    Run run = run("seeds/001-stepper-chain.json", "{\"commit\": \"59b20b8\"}");

    assertThat(run.workflow.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(run.path()).containsExactly("checkout", "test", "deploy", "done");
  }

  @Test
  void seed002GushImportRunsAJobPerRowAfterTheDownloadAndTheReportAfterAll() throws Exception {
    Run run = run("seeds/002-gush-import.json", "{}");

    assertThat(run.workflow.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(run.task("ImportCsvRowJob")).as("one output per CSV row").hasSize(3);
    assertThat(run.before("DownloadCsvJob", "GenReportJob")).isTrue();
    JsonNode report = run.task("GenReportJob");
    assertThat(report.get("records").asInt()).isEqualTo(5);
    assertThat(report.get("total").decimalValue()).isEqualByComparingTo("170.25");
  }

  @Test
  void seed004SearchAsWrittenFinishesAndWithoutAQueryEmailsTheError() throws Exception {
    Run run = run("seeds/004-distribot-search.json", "{\"query\": \"redis queue\"}");

    assertThat(run.workflow.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(run.path()).containsExactly("pending", "searching", "fetching-pages", "finished");
    assertThat(run.outputs("fetching-pages", "PageDownloader"))
        .as("one job per hit, enumerated by the handler")
        .hasSize(3);
    assertThat(run.outputs("finished", "JobFinisher").get(0).get("jobs"))
        .isEqualTo(json("{\"PageDownloader\": 3}"));

    Run failed = run("seeds/004-distribot-search.json", "{}");
    assertThat(failed.path()).containsExactly("pending", "searching", "error");
    assertThat(failed.outputs("error", "ErrorEmailer").get(0).get("report").asText())
        .contains("data.query");
  }

  private Run run(String file, String input) throws Exception {
    CompiledDefinition definition = CompiledDefinition.of(RepoFiles.definition(file));
    HandlerRegistry handlers =
        HandlerRegistry.of(SampleHandlers.all().stream().map(this::recorded).toList());
    try (Embedded embedded = new Embedded(handlers, 2, WorkflowListener.NONE)) {
      Engine engine = embedded.engine();
      engine.plans().add(definition.plan());
      String id = engine.startWorkflow(definition.definition().name(), json(input));
      WorkflowRecord done = engine.await(id, Duration.ofSeconds(20));
      return new Run(done, engine.store().history(id), outputs(engine.store(), done));
    }
  }

  /**
   * Every entry's job outputs (an error as {@code {"error": ...}}): by phase, then by handler as a
   * list (key "phases"); and by job name, a DAG's task name (key "jobs", their indexes under
   * "indexes").
   */
  private static ObjectNode outputs(StateStore store, WorkflowRecord workflow) {
    ObjectNode outputs = JSON.createObjectNode();
    ObjectNode byPhase = outputs.putObject("phases");
    ObjectNode byName = outputs.putObject("jobs");
    ObjectNode indexes = outputs.putObject("indexes");
    for (int entry = 1; entry <= workflow.entry(); entry++) {
      EntryRecord record = store.entry(workflow.id(), entry).orElseThrow();
      ObjectNode phase = byPhase.putObject(record.phase());
      for (JobRecord job : store.jobs(workflow.id(), entry)) {
        JsonNode output =
            job.error() == null ? job.output() : JSON.createObjectNode().put("error", job.error());
        phase.withArray(job.spec().handler()).add(output);
        byName.set(job.spec().name(), output);
        indexes.put(job.spec().name(), job.spec().index());
      }
    }
    return outputs;
  }

  /** Where a run ended, its history and its outputs. */
  private final class Run {
    final WorkflowRecord workflow;
    final List<TransitionRecord> history;
    final ObjectNode outputs;

    Run(WorkflowRecord workflow, List<TransitionRecord> history, ObjectNode outputs) {
      this.workflow = workflow;
      this.history = history;
      this.outputs = outputs;
    }

    /** The phases entered, in order. */
    List<String> path() {
      return history.stream().map(TransitionRecord::to).filter(Objects::nonNull).toList();
    }

    JsonNode outputs(String phase, String handler) {
      return outputs.path("phases").path(phase).path(handler);
    }

    /** The output of a task of the DAG. */
    JsonNode task(String name) {
      return outputs.path("jobs").path(name);
    }

    /** Whether task {@code first} ended before task {@code then} started. */
    boolean before(String first, String then) {
      int ended = events.indexOf("end " + index(first));
      return ended >= 0 && ended < events.indexOf("start " + index(then));
    }

    private int index(String task) {
      return outputs.path("indexes").path(task).asInt(-1);
    }
  }

  /** {@code handler}, noting when each of its jobs starts and ends (by job index). */
  private Handler recorded(Handler handler) {
    return new Handler() {
      @Override
      public String name() {
        return handler.name();
      }

      @Override
      public int version() {
        return handler.version();
      }

      @Override
      public List<JsonNode> jobs(PhaseContext context) {
        return handler.jobs(context);
      }

      @Override
      public JobResult process(Job job) throws Exception {
        events.add("start " + job.job());
        try {
          return handler.process(job);
        } finally {
          events.add("end " + job.job());
        }
      }
    };
  }

  private static JsonNode json(String text) throws IOException {
    return JSON.readTree(text);
  }
}
