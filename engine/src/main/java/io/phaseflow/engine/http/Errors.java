package io.phaseflow.engine.http;

import io.phaseflow.engine.PhaseflowException;

/** Maps what a route threw to an HTTP answer. Pure. */
final class Errors {
  private Errors() {}

  /**
   * An HTTP refusal keeps its status; an engine error answers with its kind's status, and a
   * retryable one (a store or broker that failed) says to try again later; anything else is 500
   * with its message.
   */
  static Response toResponse(Throwable t) {
    if (t instanceof ApiException a) {
      return Response.error(a.status(), a.getMessage());
    }
    if (t instanceof PhaseflowException p) {
      int status = p.kind().httpStatus();
      return p.retryable()
          ? Response.error(status, p.getMessage() + " (try again later)")
              .withHeader("Retry-After", "1")
          : Response.error(status, p.getMessage());
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return Response.error(500, "internal error: " + message);
  }
}
