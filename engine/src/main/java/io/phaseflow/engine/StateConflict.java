package io.phaseflow.engine;

/** What is stored disagrees with what the call expects. Not retryable. */
public final class StateConflict extends PhaseflowException {
  private static final long serialVersionUID = 1L;

  public StateConflict(String message) {
    super(message);
  }

  public StateConflict(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public final ErrorKind kind() {
    return ErrorKind.STATE_CONFLICT;
  }
}
