package io.phaseflow.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.NotFound;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.inspect.InspectJson;
import io.phaseflow.engine.state.HandlerLimit;
import io.phaseflow.engine.state.HandlerLimits;
import java.time.Clock;
import java.util.Set;

/**
 * The handler limit routes: {@code GET /api/limits} (each limit with its leases held and jobs
 * deferred now), {@code PUT /api/limits/{handler}} with {@code {"major"?, "max_concurrent"?,
 * "max_per_second"?}} (200 and the limit; 400 for a bad value) and {@code DELETE
 * /api/limits/{handler}?major=N} (200; 404 when there is none). Changes go through the gate's
 * checks on state-changing requests. Thread-safe when the limits are.
 */
final class LimitRoutes {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Set<String> KEYS = Set.of("major", "max_concurrent", "max_per_second");

  private final HandlerLimits limits;
  private final Clock clock;

  /**
   * @param limits null for a server without a state store to keep them: every route says so (404)
   */
  LimitRoutes(HandlerLimits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  Router addTo(Router router) {
    return router
        .add("GET", "/api/limits", this::list)
        .add("PUT", "/api/limits/{handler}", this::set)
        .add("DELETE", "/api/limits/{handler}", this::clear);
  }

  Response list(Request r) {
    ObjectNode o = F.objectNode();
    ArrayNode list = o.putArray("limits");
    for (HandlerLimits.Usage u : limits().usage(clock.millis())) {
      list.add(InspectJson.handlerLimitUsage(u));
    }
    return Response.json(200, o);
  }

  Response set(Request r) {
    JsonNode body = StartRequest.object(r.body(), "{\"max_concurrent\": 2}");
    body.fieldNames()
        .forEachRemaining(
            k -> {
              if (!KEYS.contains(k)) {
                throw new RejectedInput(
                    "the request body has an unknown key '"
                        + k
                        + "'; expected 'major', 'max_concurrent' and 'max_per_second'");
              }
            });
    HandlerLimit limit;
    try {
      limit =
          new HandlerLimit(
              r.param("handler"),
              integer(body, "major", 1),
              integer(body, "max_concurrent", 0),
              integer(body, "max_per_second", 0));
    } catch (IllegalArgumentException e) {
      throw new RejectedInput(e.getMessage(), e);
    }
    limits().set(limit);
    return Response.json(200, InspectJson.handlerLimit(limit));
  }

  Response clear(Request r) {
    String handler = r.param("handler");
    String major = r.query("major");
    int version;
    try {
      version = major == null ? 1 : Integer.parseInt(major);
    } catch (NumberFormatException e) {
      throw new RejectedInput("'major' must be a whole number, got '" + major + "'");
    }
    if (!limits().clear(handler, version)) {
      throw new NotFound("no limit on handler " + handler + " v" + version);
    }
    ObjectNode o = F.objectNode().put("handler", handler).put("major", version);
    o.put("cleared", true);
    return Response.json(200, o);
  }

  private static int integer(JsonNode body, String key, int absent) {
    JsonNode v = body.get(key);
    if (v == null || v.isNull()) {
      return absent;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new RejectedInput(
          "'" + key + "' must be a whole number, but is " + StartRequest.kind(v));
    }
    return v.asInt();
  }

  private HandlerLimits limits() {
    if (limits == null) {
      throw new NotFound(
          "this server keeps no handler limits; use phaseflow serve or engine --http");
    }
    return limits;
  }
}
