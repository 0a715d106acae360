package io.phaseflow.engine;

/** Redis or RabbitMQ could not be reached or failed. Retryable: the same call may work later. */
public final class ServerUnavailable extends PhaseflowException {
  private static final long serialVersionUID = 1L;

  public ServerUnavailable(String message) {
    super(message);
  }

  public ServerUnavailable(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public final ErrorKind kind() {
    return ErrorKind.SERVER_UNAVAILABLE;
  }
}
