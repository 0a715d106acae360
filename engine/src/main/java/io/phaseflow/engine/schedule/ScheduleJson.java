package io.phaseflow.engine.schedule;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/** The JSON of schedules, as {@code GET /api/schedules} answers and the dashboard reads. Pure. */
public final class ScheduleJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ScheduleJson() {}

  /** {@code {"schedules": [...]}}. */
  public static ObjectNode list(List<ScheduleView> views) {
    ObjectNode o = F.objectNode();
    ArrayNode list = o.putArray("schedules");
    views.forEach(v -> list.add(view(v)));
    return o;
  }

  public static ObjectNode view(ScheduleView v) {
    ObjectNode o = schedule(v.schedule());
    if (v.nextRun().isPresent()) {
      o.put("nextRun", v.nextRun().getAsLong());
    } else {
      o.putNull("nextRun");
    }
    ScheduleState s = v.state();
    if (s.lastTick() > 0) {
      o.put("lastTick", s.lastTick());
    } else {
      o.putNull("lastTick");
    }
    o.put("lastWorkflow", s.lastWorkflow());
    o.put("lastStatus", v.lastStatus().map(st -> st.name().toLowerCase(Locale.ROOT)).orElse(null));
    o.put("skipped", s.skipped());
    ArrayNode recent = o.putArray("recent");
    for (Firing f : s.recent()) {
      ObjectNode r = recent.addObject();
      r.put("tick", f.tick());
      r.put("at", f.at());
      r.put("outcome", f.outcome().name().toLowerCase(Locale.ROOT));
      r.put("workflow", f.workflow());
      r.put("note", f.note());
    }
    return o;
  }

  /** A schedule as added: name, definition, cron, zone, input, noOverlap, createdAt. */
  public static ObjectNode schedule(Schedule s) {
    ObjectNode o = F.objectNode();
    o.put("name", s.name());
    o.put("definition", s.definition());
    o.put("cron", s.cron().expression());
    o.put("zone", s.cron().zone().getId());
    o.set("input", s.input());
    o.put("noOverlap", s.noOverlap());
    o.put("createdAt", s.createdAt());
    return o;
  }
}
