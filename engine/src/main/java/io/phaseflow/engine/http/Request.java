package io.phaseflow.engine.http;

import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request, already read: what the routes see, so they can be tested without a socket.
 *
 * @param method upper case, e.g. GET
 * @param path the raw (still URL-encoded) path, starting with '/'
 * @param query decoded query parameters; the last of a repeated name wins
 * @param body the body, at most {@link HttpApi#MAX_BODY_BYTES}
 * @param params the path parameters the route matched, e.g. {@code id}
 * @param headers the request headers by lower-case name; the first of a repeated name wins
 * @param remote the client's address, e.g. {@code 127.0.0.1}; empty when unknown (tests)
 */
record Request(
    String method,
    String path,
    Map<String, String> query,
    byte[] body,
    Map<String, String> params,
    Map<String, String> headers,
    String remote) {
  Request {
    remote = remote == null ? "" : remote;
    query = Map.copyOf(query);
    params = Map.copyOf(params);
    headers = Map.copyOf(headers);
  }

  static Request of(String method, String path) {
    return new Request(method, path, Map.of(), new byte[0], Map.of(), Map.of(), "");
  }

  /** This request with {@code name: value} added (for tests). */
  Request withHeader(String name, String value) {
    Map<String, String> h = new java.util.HashMap<>(headers);
    h.put(name.toLowerCase(Locale.ROOT), value);
    return new Request(method, path, query, body, params, h, remote);
  }

  Request withParams(Map<String, String> matched) {
    return new Request(method, path, query, body, matched, headers, remote);
  }

  String param(String name) {
    return params.get(name);
  }

  /** A header's value, null when absent. */
  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** A query parameter, null when absent or blank. */
  String query(String name) {
    String v = query.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }
}
