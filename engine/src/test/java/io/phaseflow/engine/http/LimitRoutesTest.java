package io.phaseflow.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.core.PlanCatalog;
import io.phaseflow.engine.inspect.Inspector;
import io.phaseflow.engine.state.InMemoryStateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/limits}, {@code PUT /api/limits/{handler}}, {@code DELETE} of one. */
class LimitRoutesTest {
  private final InMemoryStateStore store = new InMemoryStateStore();
  private HttpApi api;
  private Http http;

  @BeforeEach
  void serve() {
    api =
        HttpApi.builder()
            .inspector(new Inspector(store))
            .definitions(DefinitionCatalog.of(new PlanCatalog()))
            .limits(store.limits())
            .start();
    http = new Http(api.url());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void setListAndClear() {
    Http.Reply set =
        http.put("/api/limits/Crawler", "{\"max_concurrent\": 2, \"max_per_second\": 50}");
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.body())
        .isEqualTo(
            "{\"handler\":\"Crawler\",\"major\":1,\"max_concurrent\":2,\"max_per_second\":50}");

    assertThat(http.get("/api/limits").body())
        .isEqualTo(
            "{\"limits\":[{\"handler\":\"Crawler\",\"major\":1,\"max_concurrent\":2,"
                + "\"max_per_second\":50,\"leases\":0,\"deferred\":0}]}");

    assertThat(http.delete("/api/limits/Crawler?major=1").status()).isEqualTo(200);
    assertThat(http.get("/api/limits").body()).isEqualTo("{\"limits\":[]}");
    Http.Reply again = http.delete("/api/limits/Crawler");
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.json().get("error").asText()).contains("no limit on handler Crawler v1");
  }

  @Test
  void aBadLimitIsRefusedSayingWhatIsWrong() {
    Http.Reply none = http.put("/api/limits/Crawler", "{}");
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.json().get("error").asText())
        .contains("needs a max concurrent or a max per second above 0");
    Http.Reply negative = http.put("/api/limits/Crawler", "{\"max_concurrent\": -1}");
    assertThat(negative.status()).isEqualTo(400);
    Http.Reply unknown = http.put("/api/limits/Crawler", "{\"max\": 2}");
    assertThat(unknown.json().get("error").asText()).contains("unknown key 'max'");
  }
}
