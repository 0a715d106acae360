package io.phaseflow.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What to answer: status, content type, headers and body. */
record Response(int status, String contentType, Map<String, String> headers, byte[] body) {
  static final String JSON = "application/json; charset=utf-8";

  Response {
    headers = Map.copyOf(headers);
  }

  static Response json(int status, JsonNode body) {
    return new Response(status, JSON, Map.of(), body.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The error shape of every refusal: {@code {"error": message, "status": status}}. */
  static Response error(int status, String message) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("error", message);
    o.put("status", status);
    return json(status, o);
  }

  Response withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Response(status, contentType, h, body);
  }

  /** The body as text (for tests and logs). */
  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
