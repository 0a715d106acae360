package io.phaseflow.engine;

/**
 * The kinds of {@link PhaseflowException} and how each is answered: the one place that decides an
 * error's HTTP status and CLI exit code. Pure.
 */
public enum ErrorKind {
  /** A definition that does not validate or compile; fix the file. */
  INVALID_DEFINITION(400, 2, false),
  /** No such definition, version or workflow. */
  NOT_FOUND(404, 2, false),
  /** An option, file, URL, query or workflow input refused as given. */
  REJECTED_INPUT(400, 2, false),
  /** What is stored disagrees with what the call expects (other content, an unknown phase). */
  STATE_CONFLICT(409, 2, false),
  /** Redis or RabbitMQ could not be reached or failed; the same call may work later. */
  SERVER_UNAVAILABLE(503, 4, true),
  /** A wait ended before the workflow did; waiting again may see it end. */
  TIMED_OUT(504, 3, true);

  private final int httpStatus;
  private final int exitCode;
  private final boolean retryable;

  ErrorKind(int httpStatus, int exitCode, boolean retryable) {
    this.httpStatus = httpStatus;
    this.exitCode = exitCode;
    this.retryable = retryable;
  }

  /** The status the HTTP API answers with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The exit code of a {@code phaseflow} command that ends with this error. */
  public int exitCode() {
    return exitCode;
  }

  /** Whether the same call may succeed later. */
  public boolean retryable() {
    return retryable;
  }
}
