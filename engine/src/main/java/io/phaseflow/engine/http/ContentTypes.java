package io.phaseflow.engine.http;

import java.util.Locale;

/**
 * Which request bodies a state-changing request may carry: JSON only. A web page on another site
 * can send a form or {@code text/plain} body without asking the server first; a JSON body makes the
 * browser ask (a CORS preflight), which this server never grants. Pure.
 */
final class ContentTypes {
  private ContentTypes() {}

  /** Why a {@code method} request with this Content-Type is refused, or null when it is JSON. */
  static String jsonProblem(String method, String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return "a "
          + method
          + " request with no Content-Type is not accepted; send the body as"
          + " Content-Type: application/json";
    }
    String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (media.equals("application/json")) {
      return null;
    }
    return "Content-Type '"
        + contentType
        + "' is not accepted for "
        + method
        + "; send the body as Content-Type: application/json (other types are refused so that"
        + " a web page on another site cannot send one)";
  }
}
