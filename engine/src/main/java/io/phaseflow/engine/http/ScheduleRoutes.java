package io.phaseflow.engine.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.NotFound;
import io.phaseflow.engine.schedule.Schedule;
import io.phaseflow.engine.schedule.ScheduleJson;
import io.phaseflow.engine.schedule.Schedules;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The schedule routes: {@code GET /api/schedules}, {@code POST /api/schedules} (201 and the
 * schedule; 400 for a bad cron expression or an unknown definition, 409 when the name is taken) and
 * {@code DELETE /api/schedules/{name}} (200; 404 when unknown). Both changes go through the gate's
 * checks on state-changing requests. Thread-safe when the schedules are.
 */
final class ScheduleRoutes {
  private final Schedules schedules;

  /**
   * @param schedules null for a server that keeps none: every route says so (404)
   */
  ScheduleRoutes(Schedules schedules) {
    this.schedules = schedules;
  }

  Router addTo(Router router) {
    return router
        .add("GET", "/api/schedules", this::list)
        .add("POST", "/api/schedules", this::add)
        .add("DELETE", "/api/schedules/{name}", this::remove);
  }

  Response list(Request r) {
    return Response.json(200, ScheduleJson.list(schedules().list()));
  }

  Response add(Request r) {
    ScheduleRequest body = ScheduleRequest.parse(r.body());
    Schedule s =
        schedules()
            .add(
                body.name(),
                body.cron(),
                body.zone(),
                body.workflow(),
                body.input(),
                body.noOverlap());
    return Response.json(201, ScheduleJson.schedule(s))
        .withHeader(
            "Location", "/api/schedules/" + URLEncoder.encode(s.name(), StandardCharsets.UTF_8));
  }

  Response remove(Request r) {
    String name = r.param("name");
    schedules().remove(name);
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("name", name);
    o.put("removed", true);
    return Response.json(200, o);
  }

  private Schedules schedules() {
    if (schedules == null) {
      throw new NotFound(
          "this server keeps no schedules; use phaseflow serve or engine --http on a cluster");
    }
    return schedules;
  }
}
