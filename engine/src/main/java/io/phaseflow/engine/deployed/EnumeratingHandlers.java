package io.phaseflow.engine.deployed;

import java.time.Clock;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which handlers, as their processes announced, enumerate their own jobs: what an engine that lacks
 * a handler's code must not plan as a single job. Read from the directory at most once per {@link
 * HandlerDirectory#HEARTBEAT}; when the directory cannot be read, the last answer stands (a
 * directory read never fails a phase). Thread-safe.
 */
public final class EnumeratingHandlers implements BiPredicate<String, Integer> {
  private static final Logger log = LoggerFactory.getLogger(EnumeratingHandlers.class);

  private final HandlerDirectory directory;
  private final Clock clock;
  private volatile Snapshot snapshot = new Snapshot(Set.of(), Long.MIN_VALUE);

  private record Snapshot(Set<String> labels, long readAt) {}

  public EnumeratingHandlers(HandlerDirectory directory, Clock clock) {
    this.directory = directory;
    this.clock = clock;
  }

  /** Whether handler {@code name} v{@code version} was last announced enumerating its jobs. */
  @Override
  public boolean test(String name, Integer version) {
    return current().labels().contains(name + " v" + version);
  }

  private Snapshot current() {
    Snapshot s = snapshot;
    long now = clock.millis();
    if (s.readAt() != Long.MIN_VALUE && now - s.readAt() < HandlerDirectory.HEARTBEAT.toMillis()) {
      return s;
    }
    try {
      s =
          new Snapshot(
              directory.handlers(now).stream()
                  .filter(DeployedHandler::enumerates)
                  .map(DeployedHandler::label)
                  .collect(Collectors.toUnmodifiableSet()),
              now);
    } catch (RuntimeException e) {
      log.warn("cannot read the handler directory: {}", e.getMessage());
      s = new Snapshot(s.labels(), now);
    }
    snapshot = s;
    return s;
  }
}
