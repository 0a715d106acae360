package io.phaseflow.engine.http;

import io.phaseflow.engine.PhaseflowException;

/** Maps what a route threw to an HTTP answer. Pure. */
final class Errors {
  private Errors() {}

  /**
   * A refusal keeps its status; a store or broker that failed retryably is 503 (try again later);
   * anything else is 500 with its message.
   */
  static Response toResponse(Throwable t) {
    if (t instanceof ApiException a) {
      return Response.error(a.status(), a.getMessage());
    }
    if (t instanceof PhaseflowException p && p.retryable()) {
      return Response.error(503, p.getMessage() + " (try again later)")
          .withHeader("Retry-After", "1");
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return Response.error(500, "internal error: " + message);
  }
}
