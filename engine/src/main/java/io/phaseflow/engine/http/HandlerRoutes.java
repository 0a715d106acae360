package io.phaseflow.engine.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.deployed.HandlerQueue;
import io.phaseflow.engine.deployed.HandlerQueues;

/**
 * {@code GET /api/handlers}: the queue of every handler a stored definition names, whether anything
 * consumes it, how many jobs wait in it, and when a handlers process last announced it, so that a
 * job waiting for a handler nobody runs is visible. Thread-safe when the reader is.
 */
final class HandlerRoutes {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final HandlerQueues queues;

  HandlerRoutes(HandlerQueues queues) {
    this.queues = queues;
  }

  Router addTo(Router router) {
    return router.add("GET", "/api/handlers", this::list);
  }

  Response list(Request r) {
    ObjectNode o = F.objectNode();
    ArrayNode list = o.putArray("handlers");
    for (HandlerQueue q : queues.read()) {
      ObjectNode h = list.addObject();
      h.put("name", q.name());
      h.put("version", q.version());
      h.put("queue", q.queue());
      putCount(h, "consumers", q.consumers());
      putCount(h, "ready", q.ready());
      h.put("unserved", q.unserved());
      h.put("instances", q.deployed().map(d -> d.instances()).orElse(0));
      h.put("processes", q.deployed().map(d -> d.processes()).orElse(0));
      if (q.lastSeen() > 0) {
        h.put("lastSeen", q.lastSeen());
      } else {
        h.putNull("lastSeen");
      }
      h.put("enumerates", q.deployed().map(d -> d.enumerates()).orElse(false));
    }
    return Response.json(200, o);
  }

  private static void putCount(ObjectNode o, String field, java.util.OptionalLong n) {
    if (n.isPresent()) {
      o.put(field, n.getAsLong());
    } else {
      o.putNull(field);
    }
  }
}
