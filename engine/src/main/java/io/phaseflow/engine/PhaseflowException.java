package io.phaseflow.engine;

/**
 * The root of Phaseflow's unchecked exceptions: one subclass per {@link ErrorKind}, which decides
 * whether the same call may succeed later ({@link #retryable()}), the HTTP status and the CLI exit
 * code. Throw a subclass; catch this type or a subclass.
 */
public abstract sealed class PhaseflowException extends RuntimeException
    permits InvalidDefinition, NotFound, RejectedInput, ServerUnavailable, StateConflict, TimedOut {
  private static final long serialVersionUID = 1L;

  PhaseflowException(String message) {
    super(message);
  }

  PhaseflowException(String message, Throwable cause) {
    super(message, cause);
  }

  /** What went wrong, in the terms both the HTTP API and the CLI answer in. */
  public abstract ErrorKind kind();

  /** Whether the same call may succeed later (a server that is down) or never will. */
  public final boolean retryable() {
    return kind().retryable();
  }
}
