package io.phaseflow.engine.http;

import static io.phaseflow.engine.testing.DefinitionBuilder.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.core.Embedded;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.inspect.Inspector;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.RepoFiles;
import io.phaseflow.samples.SampleHandlers;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/definitions/{name}/trigger}: seed 001's webhook start, a GitHub push event
 * mapped to the stepper chain's input by the definition's trigger.
 */
class HttpTriggerTest {
  private static final String ROUTE = "/api/definitions/deploy-on-push/trigger";
  private Embedded embedded;
  private HttpApi api;
  private Http http;

  @BeforeEach
  void serve() {
    embedded = new Embedded(SampleHandlers.registry(), 2, WorkflowListener.NONE);
    Engine engine = embedded.engine();
    engine
        .plans()
        .add(CompiledDefinition.of(RepoFiles.definition("seeds/001-stepper-chain.json")).plan());
    engine
        .plans()
        .add(
            CompiledDefinition.compile(
                workflow("plain").initial("a", "done", null, "Noop").end("done").build()));
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
    api.close();
    embedded.close();
  }

  @Test
  void aPushEventStartsTheChainWithItsMappedInputAndARedeliveryStartsNothing() throws Exception {
    String push = Files.readString(RepoFiles.definition("seeds/001-github-push.json"));

    Http.Reply first = http.post(ROUTE, push);
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    String id = first.json().get("id").asText();
    WorkflowRecord done = embedded.engine().await(id, Duration.ofSeconds(20));
    assertThat(done.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(done.data().get("repository").asText()).isEqualTo("octocat/Hello-World");
    assertThat(done.data().get("commit").asText())
        .isEqualTo("59b20b8d5c6ff8d09518454d4dd8b7b30f095ab5");
    assertThat(done.data().get("pusher").asText()).isEqualTo("octocat");

    Http.Reply again = http.post(ROUTE, push);
    assertThat(again.status()).as("keyed by /after: the same workflow").isEqualTo(200);
    assertThat(again.json().get("id").asText()).isEqualTo(id);
    assertThat(again.json().get("existed").asBoolean()).isTrue();
  }

  @Test
  void aBodyTheTriggerCannotMapADefinitionWithoutOneAndAnUnknownOneAreRefused() {
    Http.Reply ping = http.post(ROUTE, "{\"zen\": \"Keep it logically awesome.\"}");
    assertThat(ping.status()).isEqualTo(400);
    assertThat(ping.body())
        .contains("cannot start 'deploy-on-push'")
        .contains("'repository' from /repository/full_name");

    Http.Reply broken = http.post(ROUTE, "{\"after\": ");
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.body()).contains("not valid JSON at line 1");

    Http.Reply plain = http.post("/api/definitions/plain/trigger", "{}");
    assertThat(plain.status()).isEqualTo(409);
    assertThat(plain.body()).contains("has no trigger").contains("POST /api/workflows");

    assertThat(http.post("/api/definitions/nope/trigger", "{}").status()).isEqualTo(404);
  }
}
