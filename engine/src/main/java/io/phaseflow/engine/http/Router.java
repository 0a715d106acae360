package io.phaseflow.engine.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Routes by method and path pattern ({@code /api/workflows/{id}}); answers 404 for an unknown path
 * and 405 (with {@code Allow}) for a known path with another method. Pure; immutable once built, so
 * thread-safe.
 */
final class Router {
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
    TreeSet<String> allowed = new TreeSet<>();
    for (Route route : routes) {
      Map<String, String> params = match(route.pattern(), path);
      if (params == null) {
        continue;
      }
      if (route.method().equals(request.method())) {
        return route.handler().apply(request.withParams(params));
      }
      allowed.add(route.method());
    }
    if (!allowed.isEmpty()) {
      return Response.error(
              405,
              "method "
                  + request.method()
                  + " is not allowed on "
                  + request.path()
                  + "; use "
                  + String.join(" or ", allowed))
          .withHeader("Allow", String.join(", ", allowed));
    }
    boolean api = request.path().startsWith("/api/") || request.path().equals("/api");
    if (fallback != null && !api) {
      if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
        return Response.error(
                405, "method " + request.method() + " is not allowed on " + request.path())
            .withHeader("Allow", "GET, HEAD");
      }
      return fallback.apply(request);
    }
    return Response.error(404, "no route " + request.method() + " " + request.path());
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
      parts[i] = HttpApi.decodeForm(parts[i].replace("+", "%2B"));
    }
    return parts;
  }
}
