package io.phaseflow.engine.http;

import static io.phaseflow.engine.testing.DefinitionBuilder.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.core.Embedded;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.inspect.Inspector;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.testing.TestHandlers;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.JobFailedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/workflows/{id}/result} and the per-job outputs of the workflow's JSON. */
class HttpResultTest {
  private final CountDownLatch release = new CountDownLatch(1);
  private Embedded embedded;
  private HttpApi api;
  private Http http;

  @BeforeEach
  void serve() {
    HandlerRegistry handlers =
        HandlerRegistry.of(
            List.of(
                TestHandlers.of(
                    "Gate",
                    job -> {
                      try {
                        release.await(20, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return JsonNodeFactory.instance.objectNode().put("opened", true);
                    }),
                TestHandlers.of(
                    "Echo", job -> JsonNodeFactory.instance.textNode("echo " + job.job())),
                TestHandlers.of(
                    "Broken",
                    job -> {
                      throw new JobFailedException("no disk", false);
                    })));
    embedded = new Embedded(handlers, 2, WorkflowListener.NONE);
    Engine engine = embedded.engine();
    engine
        .plans()
        .add(
            CompiledDefinition.compile(
                workflow("gated").initial("a", "done", null, "Gate").end("done").build()));
    engine
        .plans()
        .add(
            CompiledDefinition.compile(
                workflow("dag")
                    .task("first", "Echo")
                    .task("second", "Echo", "first")
                    .task("bad", "Broken")
                    .build()));
    engine
        .plans()
        .add(
            CompiledDefinition.of(
                    "{\"workflow\": \"wide\", \"phases\": {\"go\": {\"is_initial\": true,"
                        + " \"transitions_to\": \"fan\"}, \"fan\": {\"is_final\": true,"
                        + " \"handlers\": [{\"name\": \"Echo\", \"for_each\": \"/data/items\"}]}}}",
                    "wide.json")
                .plan());
    api =
        HttpApi.builder()
            .inspector(new Inspector(engine.store()))
            .definitions(DefinitionCatalog.of(engine.plans()))
            .starter(engine::startWorkflow)
            .start();
    http = new Http(api.url());
  }

  @AfterEach
  void stop() {
    release.countDown();
    api.close();
    embedded.close();
  }

  @Test
  void anUnknownWorkflowHasNoResult() {
    Http.Reply r = http.get("/api/workflows/nope/result");

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("error").asText()).startsWith("no workflow 'nope'");
  }

  @Test
  void aRunningWorkflowAnswers409UntilItEndsThenItsFinalOutputs() {
    String id = embedded.engine().startWorkflow("gated", null);
    waitUntilStored(id);

    Http.Reply running = http.get("/api/workflows/" + id + "/result");
    assertThat(running.status()).as(running.body()).isEqualTo(409);
    assertThat(running.json().get("error").asText())
        .isEqualTo(
            "workflow "
                + id
                + " is still running in phase 'a' (entry 1): it has a result only once it has"
                + " ended (succeeded, failed or canceled); ask again when it has ended");
    JsonNode perJob = http.get("/api/workflows/" + id).json().get("current").get("perJob");
    assertThat(perJob.get(0).get("status").asText()).isEqualTo("ready");
    assertThat(perJob.get(0).get("output").isNull()).isTrue();

    release.countDown();
    embedded.engine().await(id, Duration.ofSeconds(10));
    Http.Reply done = http.get("/api/workflows/" + id + "/result");

    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.body())
        .isEqualTo(
            "{\"id\":\""
                + id
                + "\",\"status\":\"succeeded\",\"phase\":\"a\",\"entry\":1,"
                + "\"result\":{\"Gate\":[{\"opened\":true}]}}");
  }

  @Test
  void aTaskDagsResultIsKeyedByTaskWithItsFailuresAndTheJobsShowTheirOutputs() {
    String id = embedded.engine().startWorkflow("dag", null);
    embedded.engine().await(id, Duration.ofSeconds(10));

    Http.Reply r = http.get("/api/workflows/" + id + "/result");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("status").asText()).isEqualTo("failed");
    assertThat(r.json().get("phase").asText()).isEqualTo("run");
    assertThat(r.json().get("result").toString())
        .isEqualTo(
            "{\"first\":\"echo 0\",\"second\":\"echo 1\","
                + "\"bad\":{\"error\":\"no disk\",\"job\":2}}");
    JsonNode workflow = http.get("/api/workflows/" + id).json();
    assertThat(workflow.get("current").get("phase").asText()).isEqualTo("failed");
    assertThat(workflow.get("current").has("perJob")).isFalse(); // its final phase ran no jobs
  }

  @Test
  void anEntryOfMoreJobsThanAWorkflowIsReadWithListsNoneAndSaysHowMany() {
    var items = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < Inspector.JOBS_READ + 1; i++) {
      items.add(i);
    }
    String id =
        embedded
            .engine()
            .startWorkflow("wide", JsonNodeFactory.instance.objectNode().set("items", items));
    embedded.engine().await(id, Duration.ofSeconds(20));

    JsonNode current = http.get("/api/workflows/" + id).json().get("current");

    assertThat(current.get("perJob")).isEmpty();
    assertThat(current.get("moreJobs").asInt()).isEqualTo(Inspector.JOBS_READ + 1);
    JsonNode result = http.get("/api/workflows/" + id + "/result").json().get("result");
    assertThat(result.get("Echo")).hasSize(Inspector.JOBS_READ + 1); // the result is whole
  }

  private void waitUntilStored(String id) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (embedded.engine().store().workflow(id).isEmpty()) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }
}
