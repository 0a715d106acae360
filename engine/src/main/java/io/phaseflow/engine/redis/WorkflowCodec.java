package io.phaseflow.engine.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.state.JobCounts;
import io.phaseflow.engine.state.TransitionReason;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workflow hashes and history lines to and from their compact stored form. Short field names keep
 * small hashes in Redis's listpack encoding. Pure; thread-safe.
 *
 * <pre>
 *   workflow hash: d definition, v version, p phase, e entry, s status (R/S/F), x took an error edge,
 *                  c created ms, u updated ms, i input data (JSON)
 *   history line:  {"f":from,"t":to,"r":reason,"err":..,"a":entered ms,"at":ms,
 *                   "j":[total,ok,failed,skipped],"h":{"Handler":[...]}}
 * </pre>
 */
final class WorkflowCodec {
  private final ObjectMapper json;

  WorkflowCodec(ObjectMapper json) {
    this.json = json;
  }

  static String status(WorkflowStatus status) {
    return status.name().substring(0, 1);
  }

  List<String> encode(WorkflowRecord wf) {
    List<String> f = new ArrayList<>(18);
    add(f, "d", wf.definition());
    add(f, "v", Integer.toString(wf.version()));
    if (wf.phase() != null) {
      add(f, "p", wf.phase());
    }
    add(f, "e", Integer.toString(wf.entry()));
    add(f, "s", status(wf.status()));
    if (wf.viaError()) {
      add(f, "x", "1");
    }
    add(f, "c", Long.toString(wf.createdAt()));
    add(f, "u", Long.toString(wf.updatedAt()));
    add(f, "i", wf.data() == null ? "null" : wf.data().toString());
    return f;
  }

  WorkflowRecord decode(String id, Map<String, String> h) {
    return new WorkflowRecord(
        id,
        h.get("d"),
        Integer.parseInt(h.get("v")),
        Json.read(json, h.get("i")),
        h.get("p"),
        Integer.parseInt(h.get("e")),
        switch (h.get("s")) {
          case "S" -> WorkflowStatus.SUCCEEDED;
          case "F" -> WorkflowStatus.FAILED;
          default -> WorkflowStatus.RUNNING;
        },
        "1".equals(h.get("x")),
        Long.parseLong(h.get("c")),
        Long.parseLong(h.get("u")));
  }

  String encode(TransitionRecord t) {
    ObjectNode o = json.createObjectNode();
    if (t.from() != null) {
      o.put("f", t.from());
    }
    if (t.to() != null) {
      o.put("t", t.to());
    }
    o.put("r", t.reason().wire());
    if (t.error() != null) {
      o.put("err", t.error());
    }
    o.put("a", t.enteredAt()).put("at", t.at());
    o.set("j", counts(t.jobs()));
    if (!t.byHandler().isEmpty()) {
      ObjectNode h = o.putObject("h");
      t.byHandler().forEach((name, c) -> h.set(name, counts(c)));
    }
    return o.toString();
  }

  TransitionRecord decodeTransition(String line) {
    JsonNode o = Json.read(json, line);
    Map<String, JobCounts> byHandler = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = o.path("h").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      byHandler.put(e.getKey(), counts(e.getValue()));
    }
    return new TransitionRecord(
        text(o, "f"),
        text(o, "t"),
        TransitionReason.fromWire(o.get("r").asText()),
        text(o, "err"),
        o.get("a").asLong(),
        o.get("at").asLong(),
        counts(o.get("j")),
        byHandler);
  }

  private ArrayNode counts(JobCounts c) {
    return json.createArrayNode()
        .add(c.total())
        .add(c.succeeded())
        .add(c.failed())
        .add(c.skipped());
  }

  private static JobCounts counts(JsonNode a) {
    return new JobCounts(a.get(0).asInt(), a.get(1).asInt(), a.get(2).asInt(), a.get(3).asInt());
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static void add(List<String> fields, String name, String value) {
    fields.add(name);
    fields.add(value);
  }
}
