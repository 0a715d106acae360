package io.phaseflow.engine.deployed;

import java.util.List;

/**
 * Reads the queues of the handlers a cluster's stored definitions name, each with its consumers and
 * the directory's word on it (the HTTP API's {@code GET /api/handlers}). Implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface HandlerQueues {
  /** For a server with no cluster behind it. */
  HandlerQueues NONE = List::of;

  List<HandlerQueue> read();
}
