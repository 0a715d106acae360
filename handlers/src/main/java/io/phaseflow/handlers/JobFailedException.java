package io.phaseflow.handlers;

/**
 * Thrown by a handler to fail a job. Non-retryable failures route the phase to its error transition
 * without further attempts.
 */
public class JobFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  public JobFailedException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  public JobFailedException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
