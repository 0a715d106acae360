package io.phaseflow.engine.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Routes by method and path pattern ({@code /api/workflows/{id}}); answers 404 for an unknown path,
 * 405 (with {@code Allow}) for a known path with another method, 204 with {@code Allow} for
 * OPTIONS, a GET route for HEAD, and 415 for a state-changing request whose body is not JSON. Pure;
 * immutable once built, so thread-safe.
 */
final class Router {
  /** Methods that change state: only accepted with a JSON body (see {@link ContentTypes}). */
  static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final List<Route> routes = new ArrayList<>();
  private final Function<Request, Response> fallback;

  /**
   * @param fallback answers a GET that matches no route (the static files); null when none
   */
  Router(Function<Request, Response> fallback) {
    this.fallback = fallback;
  }

  private record Route(String method, String[] pattern, Function<Request, Response> handler) {}

  Router add(String method, String pattern, Function<Request, Response> handler) {
    routes.add(new Route(method, segments(pattern), handler));
    return this;
  }

  /** Answers {@code request}, turning whatever a route throws into an error response. */
  Response handle(Request request) {
    try {
      return dispatch(request);
    } catch (RuntimeException e) {
      return Errors.toResponse(e);
    }
  }

  private Response dispatch(Request request) {
    String[] path = segments(request.path());
    // HEAD is GET without the body (the server leaves the body out); OPTIONS lists the methods.
    String method = request.method().equals("HEAD") ? "GET" : request.method();
    TreeSet<String> allowed = new TreeSet<>();
    for (Route route : routes) {
      Map<String, String> params = match(route.pattern(), path);
      if (params == null) {
        continue;
      }
      if (route.method().equals(method)) {
        return invoke(route, request.withParams(params));
      }
      allowed.add(route.method());
    }
    if (!allowed.isEmpty()) {
      return refuseOrList(request, allowed);
    }
    boolean api = request.path().startsWith("/api/") || request.path().equals("/api");
    if (fallback != null && !api) {
      if (!method.equals("GET")) {
        return refuseOrList(request, new TreeSet<>(Set.of("GET")));
      }
      return fallback.apply(request);
    }
    return Response.error(404, "no route " + request.method() + " " + request.path());
  }

  private static Response invoke(Route route, Request request) {
    if (STATE_CHANGING.contains(route.method())) {
      String problem = ContentTypes.jsonProblem(request.method(), request.header("Content-Type"));
      if (problem != null) {
        return Response.error(415, problem);
      }
    }
    return route.handler().apply(request);
  }

  /** OPTIONS: 204 with the methods; any other method: 405 with them. */
  private static Response refuseOrList(Request request, TreeSet<String> methods) {
    TreeSet<String> allow = new TreeSet<>(methods);
    if (allow.contains("GET")) {
      allow.add("HEAD");
    }
    allow.add("OPTIONS");
    String header = String.join(", ", allow);
    if (request.method().equals("OPTIONS")) {
      return new Response(204, Response.JSON, Map.of("Allow", header), new byte[0]);
    }
    return Response.error(
            405,
            "method "
                + request.method()
                + " is not allowed on "
                + request.path()
                + "; use "
                + String.join(" or ", methods))
        .withHeader("Allow", header);
  }

  /** The path parameters when {@code path} fits {@code pattern}, else null. */
  static Map<String, String> match(String[] pattern, String[] path) {
    if (pattern.length != path.length) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < pattern.length; i++) {
      String p = pattern[i];
      if (p.startsWith("{") && p.endsWith("}")) {
        if (path[i].isEmpty()) {
          return null;
        }
        params.put(p.substring(1, p.length() - 1), path[i]);
      } else if (!p.equals(path[i])) {
        return null;
      }
    }
    return params;
  }

  /**
   * The decoded segments of a raw path: "/a/b/" and "/a/b" both give [a, b], "/" gives [], and
   * "/a%2Fb" gives [a/b] (each segment is decoded on its own).
   */
  static String[] segments(String rawPath) {
    String trimmed = rawPath.replaceAll("^/+|/+$", "");
    if (trimmed.isEmpty()) {
      return new String[0];
    }
    String[] parts = trimmed.split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      parts[i] = UrlDecoding.decodeForm(parts[i].replace("+", "%2B"));
    }
    return parts;
  }
}
