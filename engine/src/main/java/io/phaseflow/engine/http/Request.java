package io.phaseflow.engine.http;

import java.util.Map;

/**
 * One HTTP request, already read: what the routes see, so they can be tested without a socket.
 *
 * @param method upper case, e.g. GET
 * @param path the raw (still URL-encoded) path, starting with '/'
 * @param query decoded query parameters; the last of a repeated name wins
 * @param body the body, at most {@link HttpApi#MAX_BODY_BYTES}
 * @param params the path parameters the route matched, e.g. {@code id}
 */
record Request(
    String method,
    String path,
    Map<String, String> query,
    byte[] body,
    Map<String, String> params) {
  Request {
    query = Map.copyOf(query);
    params = Map.copyOf(params);
  }

  static Request of(String method, String path) {
    return new Request(method, path, Map.of(), new byte[0], Map.of());
  }

  Request withParams(Map<String, String> matched) {
    return new Request(method, path, query, body, matched);
  }

  String param(String name) {
    return params.get(name);
  }

  /** A query parameter, null when absent or blank. */
  String query(String name) {
    String v = query.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }
}
