package io.phaseflow.engine.redis;

import static io.phaseflow.engine.redis.RedisLayout.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.state.JobCounts;
import io.phaseflow.engine.state.RetriedAttempt;
import io.phaseflow.engine.state.TransitionReason;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.handlers.protocol.Priority;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workflow hashes (fields named by {@link RedisLayout}) and history lines to and from their compact
 * stored form. Pure; thread-safe.
 *
 * <pre>
 *   history line:  {"f":from,"t":to,"r":reason,"err":..,"a":entered ms,"at":ms,
 *                   "j":[total,ok,failed,skipped],"h":{"Handler":[...]},
 *                   "by":who,"n":why}   (the last two on control lines only)
 * </pre>
 */
final class WorkflowCodec {
  private final ObjectMapper json;

  WorkflowCodec(ObjectMapper json) {
    this.json = json;
  }

  List<String> encode(WorkflowRecord wf) {
    List<String> f = new ArrayList<>(20);
    add(f, WF_DEFINITION, wf.definition());
    add(f, WF_VERSION, Integer.toString(wf.version()));
    if (wf.phase() != null) {
      add(f, WF_PHASE, wf.phase());
    }
    add(f, WF_ENTRY, Integer.toString(wf.entry()));
    add(f, WF_STATUS, RedisLayout.status(wf.status()));
    if (wf.viaError()) {
      add(f, WF_VIA_ERROR, YES);
    }
    add(f, WF_CREATED, Long.toString(wf.createdAt()));
    if (wf.updatedAt() != wf.createdAt()) {
      // A workflow not yet updated leaves it out: 13 B of every running workflow's hash.
      add(f, WF_UPDATED, Long.toString(wf.updatedAt()));
    }
    add(f, WF_INPUT, wf.data() == null ? "null" : wf.data().toString());
    if (wf.priority() != Priority.NORMAL) {
      add(f, WF_PRIORITY, wf.priority().wire());
    }
    return f;
  }

  WorkflowRecord decode(String id, Map<String, String> h) {
    return new WorkflowRecord(
        id,
        h.get(WF_DEFINITION),
        Integer.parseInt(h.get(WF_VERSION)),
        Json.read(json, h.get(WF_INPUT)),
        h.get(WF_PHASE),
        Integer.parseInt(h.get(WF_ENTRY)),
        status(h.get(WF_STATUS)),
        YES.equals(h.get(WF_VIA_ERROR)),
        Long.parseLong(h.get(WF_CREATED)),
        Long.parseLong(h.getOrDefault(WF_UPDATED, h.get(WF_CREATED))),
        Priority.parse(h.get(WF_PRIORITY)));
  }

  static WorkflowStatus status(String letter) {
    for (WorkflowStatus s : WorkflowStatus.values()) {
      if (RedisLayout.status(s).equals(letter)) {
        return s;
      }
    }
    throw new IllegalStateException("unknown workflow status letter '" + letter + "'");
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
    if (t.by() != null) {
      o.put("by", t.by());
    }
    if (t.note() != null) {
      o.put("n", t.note());
    }
    if (!t.byHandler().isEmpty()) {
      ObjectNode h = o.putObject("h");
      t.byHandler().forEach((name, c) -> h.set(name, counts(c)));
    }
    if (!t.retried().isEmpty()) { // only lines of entries with retries carry them
      ArrayNode rt = o.putArray("rt");
      for (RetriedAttempt r : t.retried()) {
        rt.addArray()
            .add(r.job())
            .add(r.name())
            .add(r.attempt())
            .add(r.started())
            .add(r.ended())
            .add(r.error())
            .add(r.delayMillis());
      }
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
    List<RetriedAttempt> retried = new ArrayList<>();
    for (JsonNode r : o.path("rt")) {
      retried.add(
          new RetriedAttempt(
              r.get(0).asInt(),
              r.get(1).asText(),
              r.get(2).asInt(),
              r.get(3).asLong(),
              r.get(4).asLong(),
              r.get(5).asText(),
              r.get(6).asLong()));
    }
    return new TransitionRecord(
        text(o, "f"),
        text(o, "t"),
        TransitionReason.fromWire(o.get("r").asText()),
        text(o, "err"),
        o.get("a").asLong(),
        o.get("at").asLong(),
        counts(o.get("j")),
        byHandler,
        retried,
        text(o, "by"),
        text(o, "n"));
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
