package io.phaseflow.engine;

/**
 * The root of Phaseflow's unchecked exceptions. {@link #retryable()} tells a caller whether the
 * same call may succeed later (a server that is down) or never will (a malformed definition).
 */
public class PhaseflowException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  public PhaseflowException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  public PhaseflowException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
