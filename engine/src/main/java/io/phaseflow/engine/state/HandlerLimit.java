package io.phaseflow.engine.state;

/**
 * The limits an operator set on one handler's major version, held across every process that serves
 * it: at most {@code maxConcurrent} attempts in flight and {@code maxPerSecond} dispatched per
 * second (0: no limit of that kind). Immutable.
 */
public record HandlerLimit(String handler, int version, int maxConcurrent, int maxPerSecond) {
  public HandlerLimit {
    if (handler == null || handler.isBlank() || handler.contains("|")) {
      throw new IllegalArgumentException(
          "a handler limit needs a handler name without '|', got '" + handler + "'");
    }
    if (version < 1) {
      throw new IllegalArgumentException(
          "handler " + handler + ": a limit is per major version (1 or more), got " + version);
    }
    if (maxConcurrent < 0 || maxPerSecond < 0) {
      throw new IllegalArgumentException(
          "handler "
              + handler
              + " v"
              + version
              + ": limits must be 0 (none) or more, got max concurrent "
              + maxConcurrent
              + ", max per second "
              + maxPerSecond);
    }
    if (maxConcurrent == 0 && maxPerSecond == 0) {
      throw new IllegalArgumentException(
          "handler "
              + handler
              + " v"
              + version
              + ": a limit needs a max concurrent or a max per second above 0 (or clear it instead)");
    }
  }

  /** How the stores name the handler's version: {@code NAME|vN}. */
  public String key() {
    return handler + "|v" + version;
  }

  /** Whether this limit is on {@code handler} version {@code version}. */
  public boolean isFor(String handler, int version) {
    return this.handler.equals(handler) && this.version == version;
  }

  @Override
  public String toString() {
    return handler
        + " v"
        + version
        + " (max concurrent "
        + (maxConcurrent == 0 ? "-" : maxConcurrent)
        + ", max per second "
        + (maxPerSecond == 0 ? "-" : maxPerSecond)
        + ")";
  }
}
