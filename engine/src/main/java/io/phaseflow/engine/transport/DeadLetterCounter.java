package io.phaseflow.engine.transport;

/**
 * Told each time a consumer of a bus dead-letters a message: what a metric counts. Called on
 * consumer threads: implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface DeadLetterCounter {
  DeadLetterCounter NONE = (queue, reasonClass) -> {};

  /**
   * @param queue the queue the message came from
   * @param reasonClass {@code unprocessable} (malformed, or naming what does not exist) or {@code
   *     consumer-failed} (its consumer threw on it 10 times)
   */
  void deadLettered(String queue, String reasonClass);
}
