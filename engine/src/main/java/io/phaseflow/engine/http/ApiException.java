package io.phaseflow.engine.http;

/**
 * A refusal only HTTP has (405 from a server that only shows workflows, 413 for a body over the
 * limit), with its status and a message saying why. Engine errors are {@link
 * io.phaseflow.engine.PhaseflowException}s, answered by their {@link
 * io.phaseflow.engine.ErrorKind}.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
