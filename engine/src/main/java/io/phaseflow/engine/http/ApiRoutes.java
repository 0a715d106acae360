package io.phaseflow.engine.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.NotFound;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.core.StartedWorkflow;
import io.phaseflow.engine.definition.Trigger;
import io.phaseflow.engine.inspect.InspectJson;
import io.phaseflow.engine.inspect.Inspector;
import io.phaseflow.engine.inspect.WorkflowView;
import io.phaseflow.engine.plan.Plan;
import io.phaseflow.engine.state.ControlAction;
import io.phaseflow.engine.state.StatusFilter;
import io.phaseflow.engine.state.WorkflowQuery;
import io.phaseflow.handlers.protocol.Priority;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The routes of the API, each a function from a read request to a response. Thread-safe: holds only
 * thread-safe collaborators.
 */
final class ApiRoutes {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Inspector inspector;
  private final DefinitionCatalog definitions;
  private final WorkflowStarter starter;
  private final WorkflowController controller;
  private final Supplier<String> metrics;
  private final Clock clock;

  ApiRoutes(
      Inspector inspector,
      DefinitionCatalog definitions,
      WorkflowStarter starter,
      WorkflowController controller,
      Supplier<String> metrics,
      Clock clock) {
    this.controller = controller;
    this.inspector = inspector;
    this.definitions = definitions;
    this.starter = starter;
    this.metrics = metrics;
    this.clock = clock;
  }

  Router router() {
    return new Router(StaticFiles::serve)
        .add("GET", "/api/workflows", this::list)
        .add("POST", "/api/workflows", this::start)
        .add("GET", "/api/workflows/{id}", this::workflow)
        .add("GET", "/api/workflows/{id}/history", this::history)
        .add("GET", "/api/workflows/{id}/result", this::result)
        .add("POST", "/api/workflows/{id}/pause", r -> control(r, ControlAction.PAUSE))
        .add("POST", "/api/workflows/{id}/resume", r -> control(r, ControlAction.RESUME))
        .add("POST", "/api/workflows/{id}/cancel", r -> control(r, ControlAction.CANCEL))
        .add("POST", "/api/workflows/{id}/redrive", r -> control(r, ControlAction.REDRIVE))
        .add("GET", "/api/definitions", this::definitions)
        .add("GET", "/api/definitions/{name}", this::definition)
        .add("POST", "/api/definitions/{name}/trigger", this::trigger)
        .add("GET", "/metrics", this::metrics);
  }

  Response list(Request r) {
    WorkflowQuery query =
        new WorkflowQuery(
            r.query("definition"),
            StatusFilter.parse(r.query("state")),
            integer(r, "limit", WorkflowQuery.DEFAULT_LIMIT),
            r.query("after"));
    return Response.json(200, InspectJson.listing(inspector.list(query)));
  }

  Response workflow(Request r) {
    return Response.json(200, InspectJson.workflow(view(r.param("id")), clock.millis()));
  }

  Response history(Request r) {
    return Response.json(200, InspectJson.history(view(r.param("id")).history()));
  }

  /** An ended workflow's result; 409 while it runs or is paused (it has none yet). */
  Response result(Request r) {
    WorkflowView view = view(r.param("id"));
    return Response.json(
        200,
        InspectJson.result(
            inspector.result(view, wf -> definitions.plan(wf.definition(), wf.version()))));
  }

  private WorkflowView view(String id) {
    return inspector
        .workflow(id)
        .orElseThrow(
            () ->
                new NotFound(
                    "no workflow '"
                        + id
                        + "': it was never started here, has not been taken by an engine yet,"
                        + " or expired after its retention"));
  }

  Response definitions(Request r) {
    ObjectNode o = F.objectNode();
    ArrayNode list = o.putArray("definitions");
    for (String name : definitions.names()) {
      List<Integer> versions = definitions.versions(name);
      ObjectNode d = list.addObject();
      d.put("name", name);
      d.put("latest", versions.isEmpty() ? null : versions.get(versions.size() - 1));
      ArrayNode vs = d.putArray("versions");
      versions.forEach(vs::add);
    }
    return Response.json(200, o);
  }

  Response definition(Request r) {
    String name = r.param("name");
    List<Integer> versions = definitions.versions(name);
    if (versions.isEmpty()) {
      throw new NotFound("no definition named '" + name + "'; known: " + known() + loadHint());
    }
    int version = integer(r, "version", versions.get(versions.size() - 1));
    Plan plan =
        definitions
            .plan(name, version)
            .orElseThrow(
                () ->
                    new NotFound(
                        "definition '"
                            + name
                            + "' has no version "
                            + version
                            + "; versions: "
                            + versions));
    return Response.json(200, DefinitionJson.definition(plan, versions));
  }

  Response start(Request r) {
    StartRequest body = StartRequest.parse(r.body());
    if (definitions.versions(body.definition()).isEmpty()) {
      // The body names it, so it is the request that is wrong (400), not the path (404).
      throw new RejectedInput(
          "unknown definition '" + body.definition() + "'; known: " + known() + loadHint());
    }
    return started(
        body.definition(),
        starter.start(body.definition(), body.input(), body.key(), body.priority()));
  }

  /**
   * Starts a workflow of definition {@code name} from any JSON body another system posts (a
   * webhook), mapped to its input by the definition's {@code trigger}.
   */
  Response trigger(Request r) {
    String name = r.param("name");
    List<Integer> versions = definitions.versions(name);
    if (versions.isEmpty()) {
      throw new NotFound("no definition named '" + name + "'; known: " + known() + loadHint());
    }
    Trigger trigger =
        definitions
            .plan(name, versions.get(versions.size() - 1))
            .map(p -> p.definition().trigger())
            .orElse(null);
    if (trigger == null) {
      throw new ApiException(
          409,
          "definition '"
              + name
              + "' has no trigger, so a posted body cannot be mapped to its input; add"
              + " \"trigger\": {\"input\": {\"KEY\": \"/pointer/into/the/body\"}} to it, or"
              + " start it with POST /api/workflows");
    }
    Trigger.Mapped mapped;
    try {
      mapped = trigger.map(JsonBody.read(r.body(), "the JSON event the trigger maps"));
    } catch (IllegalArgumentException e) {
      throw new RejectedInput("cannot start '" + name + "' from this body: " + e.getMessage());
    }
    return started(name, starter.start(name, mapped.input(), mapped.key(), Priority.NORMAL));
  }

  private static Response started(String definition, StartedWorkflow started) {
    String id = started.id();
    ObjectNode o = F.objectNode();
    o.put("id", id);
    o.put("definition", definition);
    o.put("existed", started.existed());
    // A repeated idempotency key created nothing: 200 with the existing id, not 201.
    return Response.json(started.existed() ? 200 : 201, o)
        .withHeader("Location", "/api/workflows/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
  }

  /** A control action, taken as {@code api} and the client's address; answers the workflow. */
  Response control(Request r, ControlAction action) {
    String note = ControlRequest.reason(r.body());
    String by = r.remote().isEmpty() ? "api" : "api " + r.remote();
    controller.apply(r.param("id"), action, by, note);
    return Response.json(200, InspectJson.workflow(view(r.param("id")), clock.millis()));
  }

  Response metrics(Request r) {
    String text = metrics.get();
    return new Response(
        200,
        METRICS_TYPE,
        Map.of("Cache-Control", "no-store"),
        (text == null ? "" : text).getBytes(StandardCharsets.UTF_8));
  }

  private String known() {
    var names = definitions.names();
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  private static String loadHint() {
    return " (load one with phaseflow load FILE)";
  }

  private static int integer(Request r, String name, int fallback) {
    String v = r.query(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new RejectedInput("'" + name + "' must be a whole number, but is '" + v + "'");
    }
  }
}
