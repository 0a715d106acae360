package io.phaseflow.engine.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.deployed.HandlerQueue;
import io.phaseflow.engine.deployed.HandlerQueues;
import io.phaseflow.engine.inspect.InspectJson;

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
      list.add(InspectJson.handlerQueue(q));
    }
    return Response.json(200, o);
  }
}
