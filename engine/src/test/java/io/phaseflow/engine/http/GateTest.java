package io.phaseflow.engine.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate's decisions as tables: which Host, Origin and Authorization headers pass. */
class GateTest {
  private static final int PORT = 8080;

  private static int status(Gate gate, String path, String... headers) {
    Request r = Request.of("GET", path);
    for (int i = 0; i < headers.length; i += 2) {
      r = r.withHeader(headers[i], headers[i + 1]);
    }
    Response refusal = gate.check(r);
    return refusal == null ? 200 : refusal.status();
  }

  @Test
  void hostsOfTheServedAddressPassAndOthersAreRefused() {
    Gate gate = new Gate(PORT, "127.0.0.1", List.of(), null);
    String[][] table = {
      {"127.0.0.1:8080", "200"},
      {"localhost:8080", "200"},
      {"LocalHost:8080", "200"},
      {"[::1]:8080", "200"},
      {"127.0.0.1:8081", "403"},
      {"127.0.0.1", "403"}, // port 80
      {"evil.example:8080", "403"},
      {"localhost.evil.example:8080", "403"},
      {"127.0.0.1:8080@evil", "403"},
      {"", "403"},
      {"[::1", "403"},
      {"a b:8080", "403"},
    };
    for (String[] row : table) {
      assertThat(status(gate, "/api/workflows", "Host", row[0]))
          .as(row[0])
          .isEqualTo(Integer.parseInt(row[1]));
    }
    assertThat(status(gate, "/api/workflows")).as("no Host (HTTP/1.0)").isEqualTo(200);
  }

  @Test
  void theBoundNameAndTheAllowListPass() {
    Gate gate =
        new Gate(
            PORT,
            "10.0.0.5",
            List.of("dash.example.com", "proxy.example:9000", "https://ui.example"),
            null);
    String[][] table = {
      {"10.0.0.5:8080", "200"},
      {"10.0.0.5:9", "403"},
      {"dash.example.com", "200"},
      {"dash.example.com:443", "200"},
      {"proxy.example:9000", "200"},
      {"proxy.example:9001", "403"},
      {"ui.example", "200"},
    };
    for (String[] row : table) {
      assertThat(status(gate, "/", "Host", row[0])).as(row[0]).isEqualTo(Integer.parseInt(row[1]));
    }
    Gate wildcard = new Gate(PORT, "0.0.0.0", List.of(), null);
    assertThat(status(wildcard, "/", "Host", "0.0.0.0:8080")).isEqualTo(403);
    assertThat(status(wildcard, "/", "Host", "localhost:8080")).isEqualTo(200);
    assertThat(status(new Gate(PORT, "::1", List.of(), null), "/", "Host", "[::1]:8080"))
        .isEqualTo(200);
  }

  @Test
  void originsMustBeTheServersOwn() {
    Gate gate = new Gate(PORT, "127.0.0.1", List.of("dash.example.com"), null);
    String[][] table = {
      {"http://127.0.0.1:8080", "200"},
      {"http://localhost:8080", "200"},
      {"https://dash.example.com", "200"},
      {"http://127.0.0.1:3000", "403"},
      {"http://evil.example", "403"},
      {"null", "403"},
      {"file://", "403"},
      {"chrome-extension://abc", "403"},
      {"http://127.0.0.1:8080.evil.example", "403"},
    };
    for (String[] row : table) {
      assertThat(status(gate, "/api/workflows", "Host", "127.0.0.1:8080", "Origin", row[0]))
          .as(row[0])
          .isEqualTo(Integer.parseInt(row[1]));
    }
  }

  @Test
  void aTokenGuardsTheApiAndMetricsButNotTheDashboard() {
    Gate gate = new Gate(PORT, "127.0.0.1", List.of(), "t0ken");
    String[][] table = {
      {"/api/workflows", null, "401"},
      {"/api/workflows", "Bearer t0ken", "200"},
      {"/api/workflows", "bearer t0ken", "200"},
      {"/api/workflows", "Bearer t0ken2", "401"},
      {"/api/workflows", "Bearer ", "401"},
      {"/api/workflows", "Basic dDBrZW4=", "401"},
      {"/api", null, "401"},
      {"/metrics", null, "401"},
      {"/metrics", "Bearer t0ken", "200"},
      {"/", null, "200"},
      {"/js/app.js", null, "200"},
      {"/apix", null, "200"},
    };
    for (String[] row : table) {
      int s = row[1] == null ? status(gate, row[0]) : status(gate, row[0], "Authorization", row[1]);
      assertThat(s).as(row[0] + " " + row[1]).isEqualTo(Integer.parseInt(row[2]));
    }
    Response r = gate.check(Request.of("GET", "/api/workflows"));
    assertThat(r.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"phaseflow\"");
    assertThat(r.text()).doesNotContain("t0ken");
  }

  @Test
  void allowListEntriesAreHostsOrOrigins() {
    assertThat(Gate.parseAllowed("Dash.Example.com"))
        .isEqualTo(new Gate.Name("dash.example.com", -1));
    assertThat(Gate.parseAllowed("x:81")).isEqualTo(new Gate.Name("x", 81));
    assertThat(Gate.parseAllowed("https://x")).isEqualTo(new Gate.Name("x", -1));
    assertThat(Gate.parseAllowed("http://x:81/")).isEqualTo(new Gate.Name("x", 81));
    assertThat(Gate.parseAllowed(" ")).isNull();
    assertThatThrownBy(() -> Gate.parseAllowed("a b"))
        .hasMessageContaining("'a b' is not a host name");
    assertThatThrownBy(() -> Gate.parseAllowed("ftp://x")).hasMessageContaining("'ftp://x'");
  }

  @Test
  void stateChangingBodiesMustBeJson() {
    assertThat(ContentTypes.jsonProblem("POST", "application/json")).isNull();
    assertThat(ContentTypes.jsonProblem("POST", "Application/JSON; charset=utf-8")).isNull();
    assertThat(ContentTypes.jsonProblem("POST", "text/plain"))
        .startsWith("Content-Type 'text/plain'");
    assertThat(ContentTypes.jsonProblem("POST", "application/jsonx")).isNotNull();
    assertThat(ContentTypes.jsonProblem("POST", "multipart/form-data; boundary=x")).isNotNull();
    assertThat(ContentTypes.jsonProblem("DELETE", null))
        .startsWith("a DELETE request with no Content-Type");
  }
}
