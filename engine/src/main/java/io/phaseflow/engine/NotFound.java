package io.phaseflow.engine;

/** No such definition, version or workflow. Not retryable. */
public final class NotFound extends PhaseflowException {
  private static final long serialVersionUID = 1L;

  public NotFound(String message) {
    super(message);
  }

  public NotFound(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public final ErrorKind kind() {
    return ErrorKind.NOT_FOUND;
  }
}
