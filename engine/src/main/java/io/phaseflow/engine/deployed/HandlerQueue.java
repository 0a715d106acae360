package io.phaseflow.engine.deployed;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A handler's queue as the broker and the directory see it now: whether anything consumes it, how
 * many jobs wait in it, and when a process last announced the handler.
 *
 * @param name the handler's name
 * @param version its major version
 * @param queue the queue's name on the broker
 * @param consumers consumers subscribed now, from every process; empty when the queue does not
 *     exist (no handlers process ever consumed it)
 * @param ready jobs waiting in it; empty when the queue does not exist
 * @param deployed the directory's word on the handler; empty when no process announced it
 */
public record HandlerQueue(
    String name,
    int version,
    String queue,
    OptionalLong consumers,
    OptionalLong ready,
    Optional<DeployedHandler> deployed) {

  /** Whether jobs sent to it wait for a handlers process to start: nothing consumes it. */
  public boolean unserved() {
    return consumers.orElse(0) == 0;
  }

  /** {@code Name v1}. */
  public String label() {
    return name + " v" + version;
  }

  /** When a process last served it (its last announcement), or 0 when none ever did. */
  public long lastSeen() {
    return deployed.map(DeployedHandler::lastSeen).orElse(0L);
  }
}
