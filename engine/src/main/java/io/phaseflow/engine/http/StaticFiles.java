package io.phaseflow.engine.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The dashboard's files, from the classpath under {@value #ROOT}. Only names of known types made of
 * plain segments are served ({@code ..}, hidden files and anything else is 404), so a request can
 * never reach another resource. Thread-safe.
 */
final class StaticFiles {
  static final String ROOT = "/io/phaseflow/engine/http/web";
  private static final Pattern SAFE = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon",
          "json", "application/json; charset=utf-8",
          "txt", "text/plain; charset=utf-8");
  private static final String CSP =
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
          + " frame-ancestors 'none'";

  private StaticFiles() {}

  static Response serve(Request request) {
    String path = request.path().equals("/") ? "/index.html" : request.path();
    String type = contentType(path);
    if (type == null) {
      return Response.error(404, "no file " + request.path());
    }
    try (InputStream in = StaticFiles.class.getResourceAsStream(ROOT + path)) {
      if (in == null) {
        return Response.error(404, "no file " + request.path());
      }
      Response r = new Response(200, type, Map.of("Cache-Control", "no-cache"), in.readAllBytes());
      return type.startsWith("text/html") ? r.withHeader("Content-Security-Policy", CSP) : r;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dashboard file " + path, e);
    }
  }

  /** The content type of a safe path, or null for a path that must not be served. */
  static String contentType(String path) {
    if (!SAFE.matcher(path).matches() || path.contains("..")) {
      return null;
    }
    int dot = path.lastIndexOf('.');
    int slash = path.lastIndexOf('/');
    return dot <= slash ? null : TYPES.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
