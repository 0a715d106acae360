package io.phaseflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.http.HttpApi;
import io.phaseflow.engine.inspect.Inspector;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestHandlers;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.HandlerRunner;
import io.phaseflow.handlers.JobFailedException;
import io.phaseflow.handlers.protocol.BusJobSource;
import io.phaseflow.handlers.protocol.Queues;
import io.phaseflow.samples.Sleeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workflow's result read back from a running cluster (Redis, RabbitMQ, an engine and handlers in
 * this process): by {@code start --wait}, {@code result}, {@code history --jobs} and {@code GET
 * /api/workflows/{id}/result}, each a separate client as a person would run it.
 */
class ResultClusterIT extends CliCapture {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LONG = "x".repeat(300);
  private static final String DEFINITION =
      """
      {"workflow": "result-it", "data": {"sleep_ms": 10},
       "phases": {
         "work":   {"is_initial": true, "handlers": ["Sleeper"], "transitions_to": "report"},
         "report": {"handlers": ["Reporter"], "transitions_to": "done"},
         "done":   {"is_final": true}}}
      """;

  private String ns;
  private Cluster cluster;
  private Engine engine;
  private HandlerRunner.Deployment handlers;
  private HttpApi api;

  @BeforeEach
  void startCluster(@TempDir Path dir) throws Exception {
    ns = RedisCleanup.uniquePrefix("pfresult");
    Path file = dir.resolve("result-it.json");
    Files.writeString(file, DEFINITION);
    assertThat(phaseflow("load", file.toString())).as(err).isZero();
    ServerOptions options = new ServerOptions();
    options.redis = TestServers.redisUrlOnTestDatabase();
    options.amqp = TestServers.amqpUrl();
    options.namespace = ns;
    cluster = new Cluster(options, "result-it");
    engine = cluster.engine(new HandlerRegistry(), WorkflowListener.NONE, 2).start();
    HandlerRegistry registry =
        HandlerRegistry.of(
            List.of(
                new Sleeper(),
                TestHandlers.of(
                    "Reporter",
                    job -> {
                      if (job.data().path("fail").asBoolean()) {
                        throw new JobFailedException("no words to count", false);
                      }
                      return JsonNodeFactory.instance
                          .objectNode()
                          .put("words", 42)
                          .put("text", LONG);
                    })));
    handlers =
        new HandlerRunner(new BusJobSource(cluster.bus(), Clock.systemUTC()))
            .deployAll(registry, 2);
    api =
        HttpApi.builder()
            .inspector(new Inspector(cluster.store()))
            .definitions(cluster.catalog())
            .start();
  }

  @AfterEach
  void stopCluster() {
    api.close();
    handlers.close();
    engine.close();
    cluster.close();
    try (RedisConnector redis = new RedisConnector(TestServers.redisSettings())) {
      RedisCleanup.deletePrefix(redis, ns);
    }
    try (RabbitBus admin = RabbitBus.connect(AmqpSettings.parse(TestServers.amqpUrl()))) {
      admin.deleteNamespace(
          ns, List.of(Queues.handler("Sleeper", 1), Queues.handler("Reporter", 1)));
    }
  }

  @Override
  protected int phaseflow(String... args) {
    return onTestServers(ns, args);
  }

  @Test
  void anEndedWorkflowsResultReadsTheSameFromStartResultHistoryAndTheApi() throws Exception {
    assertThat(phaseflow("start", "result-it", "--wait")).as(out + err).isZero();
    String id = out.lines().findFirst().orElseThrow();
    assertThat(out).contains("workflow " + id + " succeeded in phase 'done'");
    String resultLine =
        out.lines().filter(l -> l.startsWith("  result of")).findFirst().orElseThrow();
    assertThat(resultLine)
        .startsWith("  result of 'report' (entry 2): {\"Reporter\":[{\"words\":42");
    assertThat(resultLine).endsWith("…").hasSizeLessThan(150);

    JsonNode expected =
        JSON.readTree("{\"Reporter\": [{\"words\": 42, \"text\": \"" + LONG + "\"}]}");
    assertThat(phaseflow("result", id)).as(err).isZero();
    assertThat(JSON.readTree(out)).isEqualTo(expected);
    assertThat(out.lines().count()).isGreaterThan(3); // pretty
    assertThat(phaseflow("result", id, "--json")).as(err).isZero();
    assertThat(out).isEqualTo(expected + System.lineSeparator());

    assertThat(phaseflow("history", id, "--jobs")).as(err).isZero();
    assertThat(out)
        .contains("job 0  Sleeper  succeeded  attempt 1  {\"slept_ms\":10}")
        .contains("job 0  Reporter  succeeded  attempt 1  {\"words\":42,\"text\":\"xxx")
        .contains("…")
        .doesNotContain(LONG);
    assertThat(phaseflow("history", id, "--jobs", "--full")).as(err).isZero();
    assertThat(out).contains(LONG);

    HttpResponse<String> r = get("/api/workflows/" + id + "/result");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("id").asText()).isEqualTo(id);
    assertThat(body.get("status").asText()).isEqualTo("succeeded");
    assertThat(body.get("phase").asText()).isEqualTo("report");
    assertThat(body.get("entry").asInt()).isEqualTo(2);
    assertThat(body.get("result")).isEqualTo(expected);
  }

  @Test
  void startWaitJsonWritesOneLinePerWorkflowWithFailedJobsAsErrors() throws Exception {
    int code =
        phaseflow(
            "start",
            "result-it",
            "--input",
            "{\"fail\": true}",
            "--count",
            "2",
            "--wait",
            "--json");

    assertThat(code).as(out + err).isEqualTo(PhaseflowCommand.WORKFLOW_FAILED);
    List<String> lines = out.lines().toList();
    assertThat(lines).hasSize(2);
    for (String line : lines) {
      JsonNode o = JSON.readTree(line);
      assertThat(err).contains(o.get("id").asText()); // the ids go to stderr
      assertThat(o.get("status").asText()).isEqualTo("failed");
      assertThat(o.get("phase").asText()).isEqualTo("report");
      JsonNode failed = o.get("result").get("Reporter").get(0);
      assertThat(failed.get("job").asInt()).isZero();
      assertThat(failed.get("error").asText()).contains("no words to count");
    }
    assertThat(err).contains("2 workflows of result-it: 0 succeeded, 2 failed");
  }

  @Test
  void aRunningWorkflowHasNoResultYetAndAnUnknownOneNone() throws Exception {
    String id = engine.startWorkflow("result-it", JSON.readTree("{\"sleep_ms\": 4000}"));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (cluster.store().workflow(id).isEmpty()) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(20);
    }

    assertThat(phaseflow("result", id)).isEqualTo(2);
    assertThat(err)
        .contains("workflow " + id + " is still running in phase 'work' (entry 1)")
        .contains("ask again when it has ended");
    HttpResponse<String> running = get("/api/workflows/" + id + "/result");
    assertThat(running.statusCode()).isEqualTo(409);
    assertThat(running.body()).contains("is still running in phase 'work'");

    assertThat(phaseflow("result", "no-such-id")).isEqualTo(2);
    assertThat(err).contains("no workflow with id 'no-such-id'");
    assertThat(get("/api/workflows/no-such-id/result").statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(api.url() + path.substring(1))).GET().build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
