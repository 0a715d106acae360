package io.phaseflow.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.engine.ServerUnavailable;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.deployed.DeployedHandler;
import io.phaseflow.engine.deployed.HandlerQueue;
import io.phaseflow.engine.inspect.Inspector;
import io.phaseflow.engine.metrics.PrometheusEngineMetrics;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisStateStore;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.RepoFiles;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.DeadLetterQueues;
import io.phaseflow.engine.transport.InMemoryBus;
import io.phaseflow.handlers.HandlerRunner;
import io.phaseflow.handlers.protocol.BusJobSource;
import io.phaseflow.handlers.protocol.Queues;
import io.phaseflow.samples.SampleHandlers;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API end to end: an engine on a real Redis (a key prefix of its own, so listings see only
 * this class's workflows), the sample handlers on in-process queues, and requests over a socket.
 */
class HttpApiRedisIT {
  private static final String PREFIX = RedisCleanup.uniquePrefix("pfhttp");
  private static RedisConnector client;
  private static StateStore store;
  private static InMemoryBus bus;
  private static Engine engine;
  private static HandlerRunner.Deployment handlers;
  private static HttpApi api;
  private static PrometheusEngineMetrics metrics;
  private static Http http;

  @BeforeAll
  static void start() throws IOException {
    client = new RedisConnector(TestServers.redisSettings());
    store = RedisStateStore.connect(client, PREFIX, StateStore.DEFAULT_RETENTION);
    bus = new InMemoryBus();
    metrics =
        new PrometheusEngineMetrics(
            bus, PrometheusEngineMetrics.engineAndHandlerQueues(SampleHandlers.registry()));
    engine =
        Engine.builder()
            .store(store)
            .bus(bus)
            .handlers(SampleHandlers.registry())
            .metrics(metrics)
            .build()
            .start();
    for (String file : List.of("search.json", "payments-failing.json")) {
      engine.plans().add(CompiledDefinition.of(RepoFiles.definition(file)).plan());
    }
    handlers =
        new HandlerRunner(new BusJobSource(bus, Clock.systemUTC()))
            .deployAll(SampleHandlers.registry(), 2);
    api =
        HttpApi.builder()
            .inspector(new Inspector(store))
            .definitions(DefinitionCatalog.of(engine.plans()))
            .starter(engine::startWorkflow)
            .deadLetters(DeadLetterQueues.of(bus))
            .handlerQueues(
                () ->
                    List.of(
                        new HandlerQueue(
                            "LocalSearcher",
                            1,
                            "phaseflow.handler.LocalSearcher.v1",
                            OptionalLong.of(0),
                            OptionalLong.of(4),
                            Optional.of(
                                new DeployedHandler(
                                    "LocalSearcher", 1, 0, 0, 1_700_000_000_000L, false)))))
            .metrics(metrics::scrape)
            .start();
    http = new Http(api.url());
  }

  @AfterAll
  static void stop() {
    api.close();
    handlers.close();
    engine.close();
    bus.close();
    store.close();
    RedisCleanup.deletePrefix(client, PREFIX);
    client.close();
  }

  private static String start(String definition, String input) {
    Http.Reply r =
        http.post(
            "/api/workflows", "{\"definition\": \"" + definition + "\", \"input\": " + input + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String id = r.json().get("id").asText();
    assertThat(r.header("Location")).isEqualTo("/api/workflows/" + id);
    return id;
  }

  /** Polls the workflow's page, as the dashboard does, until it has ended. */
  private static JsonNode awaitEnd(String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Http.Reply r = http.get("/api/workflows/" + id);
      if (r.status() == 200 && !r.json().get("status").asText().equals("running")) {
        return r.json();
      }
      assertThat(r.status()).as(r.body()).isIn(200, 404); // 404 until an engine takes the start
      Thread.sleep(20);
    }
    throw new AssertionError(
        "workflow " + id + " did not end: " + http.get("/api/workflows/" + id));
  }

  @Test
  void aWorkflowStartedByPostIsFollowedToItsEnd() throws InterruptedException {
    String id = start("search", "{\"query\": \"redis queue\"}");

    JsonNode wf = awaitEnd(id);

    assertThat(wf.get("status").asText()).isEqualTo("succeeded");
    assertThat(wf.get("definition").asText()).isEqualTo("search");
    assertThat(wf.get("phase").asText()).isEqualTo("finished");
    assertThat(wf.at("/input/query").asText()).isEqualTo("redis queue");
    JsonNode phases = wf.get("phases");
    assertThat(phases.fieldNames())
        .toIterable()
        .containsExactly("pending", "searching", "fetching-pages", "finished");
    assertThat(phases.at("/fetching-pages/state").asText()).isEqualTo("succeeded");
    assertThat(phases.at("/fetching-pages/jobs/total").asInt()).isEqualTo(3);
    assertThat(phases.at("/fetching-pages/jobs/succeeded").asInt()).isEqualTo(3);
    assertThat(phases.at("/fetching-pages/handlers/PageSummarizer/succeeded").asInt()).isEqualTo(3);

    JsonNode history = http.get("/api/workflows/" + id + "/history").json();
    List<String> moves = new ArrayList<>();
    history.forEach(t -> moves.add(t.get("from").asText("") + ">" + t.get("to").asText("")));
    assertThat(moves)
        .containsExactly(
            ">pending",
            "pending>searching",
            "searching>fetching-pages",
            "fetching-pages>finished",
            "finished>");
    assertThat(history.get(3).at("/handlers/PageSummarizer/succeeded").asInt()).isEqualTo(3);
    assertThat(history).isEqualTo(wf.get("history"));
  }

  @Test
  void concurrentStartsWithOneKeyMakeOneWorkflowAndARepeatAnswersItsId() throws Exception {
    String key = "order-" + System.nanoTime();
    String body =
        "{\"definition\": \"search\", \"input\": {\"query\": \"redis\"}, \"key\": \"" + key + "\"}";
    double before = startedSearches();
    int starters = 50;
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    List<Http.Reply> replies = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < starters; i++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  go.await();
                  replies.add(http.post("/api/workflows", body));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      t.start();
      threads.add(t);
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }

    assertThat(replies).hasSize(starters);
    Set<String> ids = new HashSet<>();
    for (Http.Reply r : replies) {
      assertThat(r.status()).as(r.body()).isIn(200, 201);
      assertThat(r.json().get("existed").asBoolean()).isEqualTo(r.status() == 200);
      ids.add(r.json().get("id").asText());
    }
    assertThat(ids).hasSize(1);
    String id = ids.iterator().next();
    assertThat(id).startsWith("k-");
    assertThat(awaitEnd(id).get("status").asText()).isEqualTo("succeeded");
    assertThat(startedSearches() - before).isEqualTo(1.0);

    Http.Reply again = http.post("/api/workflows", body);
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.json().get("id").asText()).isEqualTo(id);
    assertThat(again.json().get("existed").asBoolean()).isTrue();
    assertThat(startedSearches() - before).isEqualTo(1.0);
  }

  /** The engine's count of stored starts of 'search': a duplicate start is not counted. */
  private static double startedSearches() {
    return metrics
        .scrape()
        .lines()
        .filter(l -> l.startsWith("phaseflow_workflows_started_total{definition=\"search\"}"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  void handlersSayWhichQueueHasNoConsumerAndSinceWhen() {
    Http.Reply r = http.get("/api/handlers");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode h = r.json().get("handlers").get(0);
    assertThat(h.get("queue").asText()).isEqualTo("phaseflow.handler.LocalSearcher.v1");
    assertThat(h.get("consumers").asLong()).isZero();
    assertThat(h.get("ready").asLong()).isEqualTo(4);
    assertThat(h.get("unserved").asBoolean()).isTrue();
    assertThat(h.get("lastSeen").asLong()).isEqualTo(1_700_000_000_000L);
  }

  @Test
  void deadLettersAreListedShownRequeuedAndDropped() throws InterruptedException {
    bus.publish(Queues.WORKFLOW_START, "[\"not a start\"]".getBytes(StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    JsonNode listed = http.get("/api/dead-letters").json();
    while (listed.get("total").asInt() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
      listed = http.get("/api/dead-letters").json();
    }
    assertThat(listed.get("total").asInt()).as(listed.toString()).isEqualTo(1);
    JsonNode letter = listed.get("deadLetters").get(0);
    String id = letter.get("id").asText();
    assertThat(letter.get("queue").asText()).isEqualTo(Queues.WORKFLOW_START);
    assertThat(letter.get("reason").asText()).contains("expected a WorkflowStart");
    assertThat(letter.get("at").asLong()).isPositive();
    assertThat(letter.get("body").asText()).isEqualTo("[\"not a start\"]");

    Http.Reply shown = http.get("/api/dead-letters/" + id);
    assertThat(shown.status()).as(shown.body()).isEqualTo(200);
    assertThat(shown.json().get("reason").asText()).isEqualTo(letter.get("reason").asText());

    Http.Reply requeued = http.post("/api/dead-letters/" + id + "/requeue", "");
    assertThat(requeued.status()).as(requeued.body()).isEqualTo(200);
    // Its cause is not fixed: it comes straight back, under a new id.
    deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    listed = http.get("/api/dead-letters").json();
    while (listed.get("total").asInt() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
      listed = http.get("/api/dead-letters").json();
    }
    String again = listed.at("/deadLetters/0/id").asText();
    assertThat(again).isNotEqualTo(id);

    Http.Reply dropped = http.post("/api/dead-letters/" + again + "/drop", "");
    assertThat(dropped.status()).as(dropped.body()).isEqualTo(200);
    assertThat(http.get("/api/dead-letters").json().get("total").asInt()).isZero();
    assertError(
        http.get("/api/dead-letters/" + again),
        404,
        "no dead letter '"
            + again
            + "': it was requeued or dropped already, or never existed; list them with phaseflow"
            + " dead list");
  }

  @Test
  void aFailingWorkflowShowsItsErrorPhaseAndTheFailure() throws InterruptedException {
    String id = start("payments-failing", "{}");

    JsonNode wf = awaitEnd(id);

    assertThat(wf.get("status").asText()).isEqualTo("failed");
    assertThat(wf.get("viaError").asBoolean()).isTrue();
    boolean anyFailed = false;
    for (JsonNode t : wf.get("history")) {
      if ("failed".equals(t.get("reason").asText())) {
        anyFailed = true;
        assertThat(t.get("error").asText()).isNotBlank();
        assertThat(t.at("/jobs/failed").asInt()).isPositive();
      }
    }
    assertThat(anyFailed).as(wf.toString()).isTrue();
  }

  @Test
  void listingsFilterByStateAndDefinitionAndPage() throws InterruptedException {
    Set<String> started = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      started.add(start("search", "{}"));
    }
    String failed = start("payments-failing", "{}");
    started.add(failed);
    for (String id : started) {
      awaitEnd(id);
    }

    JsonNode succeeded = http.get("/api/workflows?state=succeeded&limit=500").json();
    succeeded
        .get("workflows")
        .forEach(w -> assertThat(w.get("status").asText()).isEqualTo("succeeded"));
    JsonNode payments = http.get("/api/workflows?definition=payments-failing&state=failed").json();
    List<String> paymentIds = new ArrayList<>();
    payments.get("workflows").forEach(w -> paymentIds.add(w.get("id").asText()));
    assertThat(paymentIds).contains(failed);
    payments
        .get("workflows")
        .forEach(w -> assertThat(w.get("definition").asText()).isEqualTo("payments-failing"));

    Set<String> paged = new HashSet<>();
    String next = null;
    int pages = 0;
    do {
      String path =
          "/api/workflows?limit=2"
              + (next == null ? "" : "&after=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
      JsonNode page = http.get(path).json();
      assertThat(page.get("workflows").size()).isLessThanOrEqualTo(2);
      page.get("workflows").forEach(w -> assertThat(paged.add(w.get("id").asText())).isTrue());
      next = page.get("next").isNull() ? null : page.get("next").asText();
      pages++;
    } while (next != null && pages < 100);
    assertThat(paged).containsAll(started);
    assertThat(pages).isGreaterThanOrEqualTo(2);
    JsonNode first = http.get("/api/workflows?limit=1").json().get("workflows").get(0);
    assertThat(first.has("progress")).isTrue();
  }

  @Test
  void definitionsAreListedAndDrawnWithALayout() {
    JsonNode list = http.get("/api/definitions").json();
    assertThat(list.findValuesAsText("name")).contains("search", "payments-failing");

    JsonNode search = http.get("/api/definitions/search").json();
    assertThat(search.get("version").asInt()).isEqualTo(1);
    assertThat(http.get("/api/definitions/search?version=1").json()).isEqualTo(search);
    JsonNode graph = search.get("graph");
    assertThat(graph.get("nodes").findValuesAsText("id"))
        .containsExactly("pending", "searching", "fetching-pages", "error", "finished");
    JsonNode pending = graph.get("nodes").get(0);
    assertThat(pending.get("initial").asBoolean()).isTrue();
    assertThat(pending.get("rank").asInt()).isZero();
    JsonNode fetching = graph.get("nodes").get(2);
    assertThat(fetching.at("/handlers/0/name").asText()).isEqualTo("PageSummarizer");
    assertThat(fetching.at("/handlers/0/forEach").asText())
        .isEqualTo("/inputs/LocalSearcher/*/hits");
    assertThat(graph.get("nodes").get(4).get("final").asBoolean()).isTrue();
    List<String> edges = new ArrayList<>();
    graph
        .get("edges")
        .forEach(
            e -> {
              edges.add(
                  e.get("from").asText()
                      + ">"
                      + e.get("to").asText()
                      + ":"
                      + e.get("kind").asText());
              assertThat(e.get("points").size()).isGreaterThanOrEqualTo(2);
            });
    assertThat(edges).contains("pending>searching:next", "pending>error:error");
    assertThat(graph.get("width").asDouble()).isPositive();
  }

  @Test
  void theDashboardIsServedWithItsContentTypesAndNothingElse() {
    Http.Reply index = http.get("/");
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(index.body()).contains("<script type=\"module\" src=\"js/app.js\">");
    assertThat(index.header("Content-Security-Policy")).startsWith("default-src 'self'");
    assertThat(http.get("/js/app.js").header("Content-Type")).startsWith("text/javascript");
    assertThat(http.get("/app.css").header("Content-Type")).startsWith("text/css");
    // A path that climbs (or may climb) out of the root is refused before any route sees it.
    for (String climbing :
        List.of(
            "/%2e%2e/%2e%2e/HttpApi.class",
            "/js/../../HttpApi.class", "/js/%2e%2e/HttpApi.class")) {
      assertError(http.get(climbing), 400, "the request could not be read");
    }
    assertError(http.get("/nothing.html"), 404, "no file /nothing.html");
  }

  /** The value of one series in a Prometheus scrape, 0 when absent. */
  private static double series(String scrape, String nameAndLabels) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(nameAndLabels + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(0);
  }

  @Test
  void metricsCountWhatTheEngineDid() throws InterruptedException {
    String finished =
        "phaseflow_workflows_finished_total{definition=\"search\",status=\"succeeded\"}";
    String summarized = "phaseflow_jobs_total{handler=\"PageSummarizer\",outcome=\"succeeded\"}";
    String before = http.get("/metrics").body();

    awaitEnd(start("search", "{\"query\": \"redis queue\"}"));
    // The engine counts a finish right after storing it: the API can show it a moment earlier.
    Http.Reply r = http.get("/metrics");
    for (int i = 0; i < 100 && series(r.body(), finished) == series(before, finished); i++) {
      Thread.sleep(20);
      r = http.get("/metrics");
    }

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/plain; version=0.0.4");
    assertThat(series(r.body(), finished) - series(before, finished)).isEqualTo(1);
    assertThat(series(r.body(), summarized) - series(before, summarized))
        .as("search summarises the pages it found: 2 for 'redis queue'")
        .isPositive();
    assertThat(r.body())
        .contains(
            "phaseflow_phase_duration_seconds_bucket{definition=\"search\",phase=\"searching\"")
        .contains("phaseflow_queue_depth{queue=\"phaseflow.job-finished\"}");
  }

  @Test
  void badRequestsAreRefusedWithWhatIsWrong() {
    assertError(
        http.get("/api/workflows?state=sleeping"),
        400,
        "unknown state 'sleeping'; use one of any, running, paused, succeeded, failed, canceled, finished");
    assertError(
        http.get("/api/workflows?limit=0"),
        400,
        "limit 0 is out of range; ask for 1 to 500 workflows a page");
    assertError(
        http.get("/api/workflows?limit=ten"), 400, "'limit' must be a whole number, but is 'ten'");
    assertError(
        http.get("/api/workflows?after=nonsense"),
        400,
        "cursor 'nonsense' is not one this server gave out; pass the 'next' of a page");
    assertError(
        http.post("/api/workflows", "{\"definition\": \"search\", \"input\": {\"query\": }"),
        400,
        "the request body is not valid JSON at line 1, column 45: Unexpected character ('}'"
            + " (code 125)): expected a value");
    assertError(
        http.post("/api/workflows", "[1, 2]"),
        400,
        "the request body must be a JSON object {\"definition\": \"NAME\", \"input\": {...}},"
            + " but is an array [1,2]");
    assertError(
        http.post("/api/workflows", "{\"definition\": \"search\", \"input\": \"x\"}"),
        400,
        "'input' must be a JSON object, but is a string \"x\"");
    assertError(
        http.post("/api/workflows", "{\"definiton\": \"search\"}"),
        400,
        "the request body has an unknown key 'definiton'; expected 'definition' and optionally"
            + " 'input', 'key' and 'priority'");
    assertError(
        http.post("/api/workflows", "{\"definition\": \"search\", \"key\": 7}"),
        400,
        "'key' must be a string of 1 to 200 characters, but is a number 7");
    assertError(
        http.post("/api/workflows", "{\"definition\": \"search\", \"key\": \"\"}"),
        400,
        "the idempotency key is empty; give 1 to 200 characters that name the business"
            + " operation, e.g. order-1234");
    assertError(
        http.post("/api/workflows", "{\"definition\": \"nope\"}"),
        400,
        "unknown definition 'nope'; known: payments-failing, search (load one with phaseflow load FILE)");
  }

  @Test
  void unknownThingsAreNotFound() {
    assertError(
        http.get("/api/workflows/no-such-id"),
        404,
        "no workflow 'no-such-id': it was never started here, has not been taken by an engine"
            + " yet, or expired after its retention");
    assertError(
        http.get("/api/workflows/no-such-id/history"), 404, "no workflow 'no-such-id': it was");
    assertError(
        http.get("/api/definitions/nope"),
        404,
        "no definition named 'nope'; known: payments-failing, search (load one with phaseflow load FILE)");
    assertError(
        http.get("/api/definitions/search?version=7"),
        404,
        "definition 'search' has no version 7; versions: [1]");
    assertError(http.get("/api/nothing/here"), 404, "no route GET /api/nothing/here");
  }

  @Test
  void aWrongMethodIsRefusedWithTheAllowedOnes() {
    Http.Reply r = http.method("DELETE", "/api/workflows");

    assertError(r, 405, "method DELETE is not allowed on /api/workflows; use GET or POST");
    assertThat(r.header("Allow")).isEqualTo("GET, HEAD, OPTIONS, POST");
    assertError(
        http.post("/api/definitions/search", "{}"),
        405,
        "method POST is not allowed on /api/definitions/search; use GET");
  }

  @Test
  void aBodyOverTheLimitIsRefused() {
    String big =
        "{\"definition\": \"search\", \"input\": {\"x\": \"" + "a".repeat(300_000) + "\"}}";

    assertError(
        http.post("/api/workflows", big),
        413,
        String.format("the request body is %,d bytes, over the limit", big.length())
            + " of 262,144 bytes; pass a reference (a"
            + " path, a URL) to large data instead");
  }

  @Test
  void aStoreThatFailsRetryablyIs503AndAnythingElse500() {
    try (HttpApi failing =
        HttpApi.builder()
            .inspector(new Inspector(store))
            .definitions(DefinitionCatalog.of(engine.plans()))
            .starter(
                (definition, input, key, priority) -> {
                  if (input.has("retry")) {
                    throw new ServerUnavailable("cannot reach RabbitMQ at amqp://x");
                  }
                  throw new IllegalStateException("the starter broke");
                })
            .start()) {
      Http h = new Http(failing.url());

      Http.Reply unavailable =
          h.post("/api/workflows", "{\"definition\": \"search\", \"input\": {\"retry\": 1}}");
      assertError(unavailable, 503, "cannot reach RabbitMQ at amqp://x (try again later)");
      assertThat(unavailable.header("Retry-After")).isEqualTo("1");
      assertError(
          h.post("/api/workflows", "{\"definition\": \"search\"}"),
          500,
          "internal error: the starter broke");
    }
  }

  @Test
  void aServerWithoutAStarterOnlyShows() {
    try (HttpApi readOnly =
        HttpApi.builder()
            .inspector(new Inspector(store))
            .definitions(DefinitionCatalog.of(engine.plans()))
            .start()) {
      assertError(
          new Http(readOnly.url()).post("/api/workflows", "{\"definition\": \"search\"}"),
          405,
          "this server only shows workflows");
      assertThat(new Http(readOnly.url()).get("/metrics").body()).isEmpty();
    }
  }

  private static void assertError(Http.Reply r, int status, String messageStart) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    JsonNode body = r.json();
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("error").asText()).startsWith(messageStart);
  }
}
