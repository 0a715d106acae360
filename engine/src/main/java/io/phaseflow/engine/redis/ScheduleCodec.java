package io.phaseflow.engine.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.StateConflict;
import io.phaseflow.engine.schedule.CronSchedule;
import io.phaseflow.engine.schedule.Firing;
import io.phaseflow.engine.schedule.Schedule;
import io.phaseflow.engine.schedule.ScheduleState;
import io.phaseflow.engine.schedule.StoredSchedule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A schedule's hash fields and its firings' JSON lines, both ways. Thread-safe. */
final class ScheduleCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScheduleCodec() {}

  static Map<String, String> fields(Schedule s) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put(RedisLayout.SC_DEFINITION, s.definition());
    f.put(RedisLayout.SC_CRON, s.cron().expression());
    f.put(RedisLayout.SC_ZONE, s.cron().zone().getId());
    f.put(RedisLayout.SC_INPUT, s.input().toString());
    f.put(RedisLayout.SC_NO_OVERLAP, s.noOverlap() ? RedisLayout.YES : RedisLayout.NO);
    f.put(RedisLayout.SC_CREATED, Long.toString(s.createdAt()));
    return f;
  }

  static StoredSchedule stored(String name, Map<String, String> f, List<String> firings) {
    try {
      Schedule schedule =
          new Schedule(
              name,
              f.get(RedisLayout.SC_DEFINITION),
              CronSchedule.parse(f.get(RedisLayout.SC_CRON), f.get(RedisLayout.SC_ZONE)),
              Json.read(JSON, f.get(RedisLayout.SC_INPUT)),
              RedisLayout.YES.equals(f.get(RedisLayout.SC_NO_OVERLAP)),
              Long.parseLong(f.get(RedisLayout.SC_CREATED)));
      List<Firing> recent = new ArrayList<>();
      for (String line : firings) {
        recent.add(firing(Json.read(JSON, line)));
      }
      return new StoredSchedule(
          schedule,
          new ScheduleState(
              Long.parseLong(f.getOrDefault(RedisLayout.SC_LAST_TICK, "0")),
              f.get(RedisLayout.SC_LAST_WORKFLOW),
              Long.parseLong(f.getOrDefault(RedisLayout.SC_SKIPPED, "0")),
              recent));
    } catch (RuntimeException e) {
      if (e instanceof StateConflict c) {
        throw c;
      }
      throw new StateConflict(
          "corrupt schedule '" + name + "' in Redis (" + e.getMessage() + "): " + f, e);
    }
  }

  static String line(Firing f) {
    ObjectNode o = JSON.createObjectNode();
    o.put("t", f.tick());
    o.put("at", f.at());
    o.put("o", f.outcome() == Firing.Outcome.FIRED ? RedisLayout.SC_FIRED : RedisLayout.SC_SKIP);
    if (f.workflow() != null) {
      o.put("w", f.workflow());
    }
    if (f.note() != null) {
      o.put("n", f.note());
    }
    return o.toString();
  }

  private static Firing firing(JsonNode o) {
    return new Firing(
        o.path("t").asLong(),
        o.path("at").asLong(),
        RedisLayout.SC_FIRED.equals(o.path("o").asText())
            ? Firing.Outcome.FIRED
            : Firing.Outcome.SKIPPED,
        o.hasNonNull("w") ? o.get("w").asText() : null,
        o.hasNonNull("n") ? o.get("n").asText() : null);
  }
}
