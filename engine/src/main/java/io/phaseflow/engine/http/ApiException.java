package io.phaseflow.engine.http;

import io.phaseflow.engine.PhaseflowException;

/** A request the API refuses, with the HTTP status to answer and a message saying why. */
final class ApiException extends PhaseflowException {
  private static final long serialVersionUID = 1L;
  private final int status;

  ApiException(int status, String message) {
    super(message, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
