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
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.TestHandlers;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.JobFailedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/workflows/{id}/pause|resume|cancel|redrive} on an embedded engine. */
class HttpControlTest {
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger calls = new AtomicInteger();
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
                      return JsonNodeFactory.instance.textNode("done");
                    }),
                TestHandlers.of(
                    "FailsOnce",
                    job -> {
                      if (calls.incrementAndGet() == 1) {
                        throw new JobFailedException("upstream down", false);
                      }
                      return JsonNodeFactory.instance.textNode("ok");
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
                workflow("once").initial("a", "done", null, "FailsOnce").end("done").build()));
    api =
        HttpApi.builder()
            .inspector(new Inspector(engine.store()))
            .definitions(DefinitionCatalog.of(engine.plans()))
            .starter(engine::startWorkflow)
            .controller(engine.control()::apply)
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
  void pauseResumeAndCancelAnswerTheWorkflowAndRecordWhoAndWhy() throws Exception {
    String id = embedded.engine().startWorkflow("gated", null);
    waitUntilStored(id);

    Http.Reply paused = http.post("/api/workflows/" + id + "/pause", "{\"reason\": \"deploy\"}");
    assertThat(paused.status()).as(paused.body()).isEqualTo(200);
    assertThat(paused.json().get("status").asText()).isEqualTo("paused");
    assertThat(paused.json().get("actions").toString()).isEqualTo("[\"resume\",\"cancel\"]");
    JsonNode line = paused.json().get("history").get(1);
    assertThat(line.get("reason").asText()).isEqualTo("paused");
    assertThat(line.get("by").asText()).isEqualTo("api 127.0.0.1");
    assertThat(line.get("note").asText()).isEqualTo("deploy");

    Http.Reply again = http.post("/api/workflows/" + id + "/pause", "");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).contains("it is paused").contains("can be resumed or canceled");

    assertThat(http.post("/api/workflows/" + id + "/resume", "").status()).isEqualTo(200);
    Http.Reply canceled = http.post("/api/workflows/" + id + "/cancel", "{\"reason\": \"typo\"}");
    assertThat(canceled.json().get("status").asText()).isEqualTo("canceled");
    assertThat(canceled.json().get("actions")).isEmpty();

    assertThat(http.post("/api/workflows/nope/cancel", "").status()).isEqualTo(404);
    Http.Reply bad = http.post("/api/workflows/" + id + "/cancel", "{\"why\": 1}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("unknown key 'why'");
  }

  @Test
  void redriveRunsAFailedWorkflowAgain() {
    String id = embedded.engine().startWorkflow("once", null);
    assertThat(embedded.engine().await(id, Duration.ofSeconds(10)).status())
        .isEqualTo(WorkflowStatus.FAILED);

    Http.Reply r = http.post("/api/workflows/" + id + "/redrive", "");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(embedded.engine().await(id, Duration.ofSeconds(10)).status())
        .isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(http.post("/api/workflows/" + id + "/redrive", "").status()).isEqualTo(409);
  }

  @Test
  void aWorkflowStartedWithAPriorityShowsItAndKeepsItThroughARedrive() {
    Http.Reply started =
        http.post("/api/workflows", "{\"definition\": \"once\", \"priority\": \"high\"}");
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String id = started.json().get("id").asText();
    assertThat(embedded.engine().await(id, Duration.ofSeconds(10)).status())
        .isEqualTo(WorkflowStatus.FAILED);
    assertThat(http.get("/api/workflows/" + id).json().get("priority").asText()).isEqualTo("high");

    http.post("/api/workflows/" + id + "/redrive", "");

    assertThat(embedded.engine().await(id, Duration.ofSeconds(10)).status())
        .isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(embedded.engine().store().workflow(id).orElseThrow().priority())
        .isEqualTo(io.phaseflow.handlers.protocol.Priority.HIGH);
    Http.Reply bad =
        http.post("/api/workflows", "{\"definition\": \"once\", \"priority\": \"urgent\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body())
        .contains("'priority' is unknown: 'urgent'; expected one of high, normal, low");
  }

  @Test
  void aServerWithoutAControllerAnswers405() {
    try (HttpApi readOnly =
        HttpApi.builder()
            .inspector(new Inspector(embedded.engine().store()))
            .definitions(DefinitionCatalog.of(embedded.engine().plans()))
            .start()) {
      String id = embedded.engine().startWorkflow("gated", null);
      waitUntilStored(id);
      Http.Reply r = new Http(readOnly.url()).post("/api/workflows/" + id + "/pause", "");
      assertThat(r.status()).isEqualTo(405);
      assertThat(r.body()).contains("phaseflow pause");
    }
  }

  private void waitUntilStored(String id) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (embedded.engine().store().workflow(id).isEmpty()) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }
}
