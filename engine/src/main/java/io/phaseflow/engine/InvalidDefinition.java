package io.phaseflow.engine;

/** A definition that does not validate or compile. Not retryable: fix the definition. */
public non-sealed class InvalidDefinition extends PhaseflowException {
  private static final long serialVersionUID = 1L;

  public InvalidDefinition(String message) {
    super(message);
  }

  public InvalidDefinition(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public final ErrorKind kind() {
    return ErrorKind.INVALID_DEFINITION;
  }
}
