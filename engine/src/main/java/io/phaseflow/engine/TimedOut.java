package io.phaseflow.engine;

/** A wait ended before the workflow did. Retryable: waiting again may see it end. */
public final class TimedOut extends PhaseflowException {
  private static final long serialVersionUID = 1L;

  public TimedOut(String message) {
    super(message);
  }

  public TimedOut(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public final ErrorKind kind() {
    return ErrorKind.TIMED_OUT;
  }
}
