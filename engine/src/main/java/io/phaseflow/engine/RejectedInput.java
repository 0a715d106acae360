package io.phaseflow.engine;

/** An option, file, URL, query or workflow input refused as given. Not retryable: change it. */
public final class RejectedInput extends PhaseflowException {
  private static final long serialVersionUID = 1L;

  public RejectedInput(String message) {
    super(message);
  }

  public RejectedInput(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public final ErrorKind kind() {
    return ErrorKind.REJECTED_INPUT;
  }
}
