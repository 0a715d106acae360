package io.phaseflow.engine.http;

import static io.phaseflow.engine.testing.DefinitionBuilder.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.core.PlanCatalog;
import io.phaseflow.engine.inspect.Inspector;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.schedule.Firing;
import io.phaseflow.engine.schedule.InMemoryScheduleStore;
import io.phaseflow.engine.schedule.Schedules;
import io.phaseflow.engine.state.InMemoryStateStore;
import io.phaseflow.engine.testing.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/schedules}, {@code POST /api/schedules}, {@code DELETE /api/schedules/{name}}.
 */
class ScheduleRoutesTest {
  private static final long NOW = Instant.parse("2026-11-27T10:07:00Z").toEpochMilli();

  private final InMemoryScheduleStore store = new InMemoryScheduleStore();
  private HttpApi api;
  private Http http;

  @BeforeEach
  void serve() {
    PlanCatalog plans = new PlanCatalog();
    plans.add(
        CompiledDefinition.compile(
            workflow("import").initial("a", "done", null, "H").end("done").build()));
    InMemoryStateStore workflows = new InMemoryStateStore();
    MutableClock clock = new MutableClock(NOW);
    DefinitionCatalog catalog = DefinitionCatalog.of(plans);
    api =
        HttpApi.builder()
            .inspector(new Inspector(workflows))
            .definitions(catalog)
            .schedules(new Schedules(store, workflows, catalog::names, clock))
            .start();
    http = new Http(api.url());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void addListAndRemove() {
    Http.Reply added =
        http.post(
            "/api/schedules",
            "{\"name\": \"nightly\", \"cron\": \"*/15 * * * *\", \"workflow\": \"import\","
                + " \"input\": {\"n\": 1}, \"noOverlap\": true, \"zone\": \"Europe/Berlin\"}");
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertThat(added.header("Location")).isEqualTo("/api/schedules/nightly");
    assertThat(added.json().get("zone").asText()).isEqualTo("Europe/Berlin");
    store.claim("nightly", Firing.fired(NOW - 60_000, NOW - 60_000, "k-1"));

    Http.Reply list = http.get("/api/schedules");
    assertThat(list.status()).isEqualTo(200);
    var s = list.json().get("schedules").get(0);
    assertThat(s.get("name").asText()).isEqualTo("nightly");
    assertThat(s.get("definition").asText()).isEqualTo("import");
    assertThat(s.get("cron").asText()).isEqualTo("*/15 * * * *");
    assertThat(s.get("noOverlap").asBoolean()).isTrue();
    assertThat(s.get("input").toString()).isEqualTo("{\"n\":1}");
    assertThat(s.get("nextRun").asLong())
        .isEqualTo(Instant.parse("2026-11-27T10:15:00Z").toEpochMilli());
    assertThat(s.get("lastWorkflow").asText()).isEqualTo("k-1");
    assertThat(s.get("lastStatus").isNull()).isTrue(); // not stored
    assertThat(s.get("recent").get(0).get("outcome").asText()).isEqualTo("fired");

    Http.Reply removed = http.delete("/api/schedules/nightly");
    assertThat(removed.status()).as(removed.body()).isEqualTo(200);
    assertThat(http.get("/api/schedules").body()).isEqualTo("{\"schedules\":[]}");
    Http.Reply again = http.delete("/api/schedules/nightly");
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.json().get("error").asText()).contains("no schedule 'nightly'");
  }

  @Test
  void theNameDefaultsToTheDefinition() {
    Http.Reply added = http.post("/api/schedules", "{\"name\": \"import\", \"cron\": \"@daily\"}");
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertThat(added.json().get("definition").asText()).isEqualTo("import");
    assertThat(added.json().get("zone").asText()).isEqualTo("UTC");
  }

  @Test
  void refusalsSayWhatIsWrong() {
    assertRefused(
        "{\"name\": \"n\", \"cron\": \"* 25 * * *\", \"workflow\": \"import\"}",
        400,
        "field 2 (hour) '25' is invalid");
    assertRefused(
        "{\"name\": \"n\", \"cron\": \"@daily\", \"workflow\": \"imprt\"}",
        400,
        "names definition 'imprt', which is not loaded; known: import");
    assertRefused("{\"name\": \"n\"}", 400, "'cron' is missing");
    assertRefused("{\"name\": \"a b\", \"cron\": \"@daily\"}", 400, "schedule name 'a b'");
    assertRefused(
        "{\"name\": \"import\", \"cron\": \"@daily\", \"noOverlap\": \"yes\"}",
        400,
        "'noOverlap' must be true or false");
    assertRefused("{\"name\": \"import\", \"cron\": \"@daily\", \"every\": 1}", 400, "unknown key");
    assertThat(http.post("/api/schedules", "{\"name\": \"import\", \"cron\": \"@daily\"}").status())
        .isEqualTo(201);
    assertRefused("{\"name\": \"import\", \"cron\": \"@hourly\"}", 409, "remove it first");
  }

  @Test
  void aDeleteMustSayItIsJsonAsEveryChangeDoes() {
    assertThat(http.method("DELETE", "/api/schedules/x").status()).isEqualTo(415);
  }

  @Test
  void aServerWithoutSchedulesSaysSo() {
    HttpApi bare =
        HttpApi.builder()
            .inspector(new Inspector(new InMemoryStateStore()))
            .definitions(DefinitionCatalog.of(new PlanCatalog()))
            .start();
    try {
      Http.Reply r = new Http(bare.url()).get("/api/schedules");
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.json().get("error").asText()).contains("keeps no schedules");
    } finally {
      bare.close();
    }
  }

  private void assertRefused(String body, int status, String message) {
    Http.Reply r = http.post("/api/schedules", body);
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json().get("error").asText()).contains(message);
  }
}
