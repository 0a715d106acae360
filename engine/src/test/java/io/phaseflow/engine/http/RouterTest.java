package io.phaseflow.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.NotFound;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.ServerUnavailable;
import io.phaseflow.engine.StateConflict;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routing, error mapping, request bodies and static paths: the pure parts of the HTTP API. */
class RouterTest {
  private final Router router =
      new Router(r -> Response.error(404, "static " + r.path()))
          .add("GET", "/api/workflows", r -> Response.error(200, "list"))
          .add("POST", "/api/workflows", r -> Response.error(201, "start"))
          .add("GET", "/api/workflows/{id}", r -> Response.error(200, "wf " + r.param("id")))
          .add(
              "GET",
              "/api/boom",
              r -> {
                throw new ServerUnavailable("Redis is down");
              });

  private Response get(String path) {
    return router.handle(Request.of("GET", path));
  }

  @Test
  void pathParametersAreDecodedPerSegment() {
    assertThat(get("/api/workflows/abc-1").text()).contains("wf abc-1");
    assertThat(get("/api/workflows/a%2Fb").text()).contains("wf a/b");
    assertThat(get("/api/workflows/").text()).contains("list");
  }

  @Test
  void aKnownPathWithAnotherMethodIs405WithAllow() {
    Response r = router.handle(Request.of("PUT", "/api/workflows"));

    assertThat(r.status()).isEqualTo(405);
    assertThat(r.headers()).containsEntry("Allow", "GET, HEAD, OPTIONS, POST");
    assertThat(r.text()).contains("method PUT is not allowed on /api/workflows; use GET or POST");
  }

  @Test
  void headIsGetOptionsListsAndChangesMustBeJson() {
    assertThat(router.handle(Request.of("HEAD", "/api/workflows/x")).text()).contains("wf x");
    Response options = router.handle(Request.of("OPTIONS", "/api/workflows"));
    assertThat(options.status()).isEqualTo(204);
    assertThat(options.headers()).containsEntry("Allow", "GET, HEAD, OPTIONS, POST");
    assertThat(router.handle(Request.of("OPTIONS", "/")).headers())
        .containsEntry("Allow", "GET, HEAD, OPTIONS");
    assertThat(router.handle(Request.of("OPTIONS", "/api/nope")).status()).isEqualTo(404);

    Request post = Request.of("POST", "/api/workflows");
    assertThat(router.handle(post).status()).isEqualTo(415);
    assertThat(router.handle(post.withHeader("Content-Type", "text/plain")).status())
        .isEqualTo(415);
    assertThat(router.handle(post.withHeader("Content-Type", "application/json")).status())
        .isEqualTo(201);
  }

  @Test
  void unknownApiPathsAre404AndOthersGoToTheStaticFiles() {
    assertThat(get("/api/nope").status()).isEqualTo(404);
    assertThat(get("/api/nope").text()).contains("no route GET /api/nope");
    assertThat(get("/index.html").text()).contains("static /index.html");
    assertThat(router.handle(Request.of("POST", "/index.html")).status()).isEqualTo(405);
  }

  @Test
  void whatARouteThrowsIsMapped() {
    Response r = get("/api/boom");

    assertThat(r.status()).isEqualTo(503);
    assertThat(r.text())
        .isEqualTo("{\"error\":\"Redis is down (try again later)\",\"status\":503}");
    assertThat(Errors.toResponse(new RejectedInput("bad")).text())
        .isEqualTo("{\"error\":\"bad\",\"status\":400}");
    assertThat(Errors.toResponse(new NotFound("no workflow 'x'")).status()).isEqualTo(404);
    assertThat(Errors.toResponse(new StateConflict("stored with other content")).status())
        .isEqualTo(409);
    assertThat(Errors.toResponse(new RejectedInput("bad")).headers())
        .doesNotContainKey("Retry-After");
    assertThat(Errors.toResponse(new ApiException(405, "only shows")).text())
        .isEqualTo("{\"error\":\"only shows\",\"status\":405}");
    assertThat(Errors.toResponse(new NullPointerException()).text())
        .contains("internal error: NullPointerException");
  }

  @Test
  void queryStringsAreDecoded() {
    assertThat(UrlDecoding.decodeQuery("state=running&definition=my+flow&after=1%3Aa&flag"))
        .isEqualTo(Map.of("state", "running", "definition", "my flow", "after", "1:a", "flag", ""));
    assertThat(get("/api/workflows/%zz").status()).isEqualTo(400);
  }

  @Test
  void startBodiesAreReadWithTheirProblemNamed() {
    StartRequest ok =
        StartRequest.parse("{\"definition\": \" search \"}".getBytes(StandardCharsets.UTF_8));
    assertThat(ok.definition()).isEqualTo("search");
    assertThat(ok.input().isObject()).isTrue();

    assertThat(problem("")).startsWith("the request body is empty");
    assertThat(problem("{\"definition\": 3}"))
        .isEqualTo("'definition' must be the name of a loaded definition, but is a number 3");
    assertThat(problem("{\"definition\": \"a\"} x"))
        .startsWith(
            "the request body is not valid JSON at line 1, column 21: Unrecognized token 'x'");
    assertThat(problem("{\n  \"definition\": \"a\",\n  \"input\": {,}\n}"))
        .startsWith("the request body is not valid JSON at line 3, column 13");
  }

  private static String problem(String body) {
    try {
      StartRequest.parse(body.getBytes(StandardCharsets.UTF_8));
      throw new AssertionError("accepted " + body);
    } catch (RejectedInput e) {
      assertThat(Errors.toResponse(e).status()).isEqualTo(400);
      return e.getMessage();
    }
  }

  @Test
  void staticPathsNeverLeaveTheDashboardFolder() {
    assertThat(StaticFiles.contentType("/index.html")).startsWith("text/html");
    assertThat(StaticFiles.contentType("/js/app.js")).startsWith("text/javascript");
    assertThat(StaticFiles.contentType("/app.css")).startsWith("text/css");
    assertThat(StaticFiles.contentType("/../pom.xml")).isNull();
    assertThat(StaticFiles.contentType("/a/../../b.js")).isNull();
    assertThat(StaticFiles.contentType("/%2e%2e/b.js")).isNull();
    assertThat(StaticFiles.contentType("/.hidden.js")).isNull();
    assertThat(StaticFiles.contentType("/js")).isNull();
    assertThat(StaticFiles.contentType("/x.class")).isNull();
    assertThat(StaticFiles.contentType("/a\\b.js")).isNull();
  }
}
