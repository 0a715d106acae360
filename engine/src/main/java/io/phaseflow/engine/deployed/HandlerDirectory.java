package io.phaseflow.engine.deployed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The handlers deployed on a cluster, as their processes announce them: each handlers process
 * announces what it serves when it starts and every {@link #HEARTBEAT}; readers ({@code load},
 * {@code status}, the API, an engine without a handler's code) ask who serves what and since when.
 * A port (Redis keeps it on a cluster); implementations are thread-safe.
 */
public interface HandlerDirectory {
  /** How often a handlers process announces itself again. */
  Duration HEARTBEAT = Duration.ofSeconds(10);

  /** A process not heard from for this long no longer counts as serving. */
  Duration ALIVE = HEARTBEAT.multipliedBy(3);

  /** Sightings older than this are forgotten (the handler's last sighting is kept, see below). */
  Duration FORGET = Duration.ofDays(7);

  /** A directory that has seen nothing: for a process with no Redis. */
  HandlerDirectory NONE =
      new HandlerDirectory() {
        @Override
        public void announce(List<HandlerSighting> sightings) {}

        @Override
        public List<HandlerSighting> sightings() {
          return List.of();
        }
      };

  /** Records the sightings of one process (replacing its earlier ones). */
  void announce(List<HandlerSighting> sightings);

  /** Every sighting kept. */
  List<HandlerSighting> sightings();

  /** Every handler ever seen, by name then version, aggregated at {@code now}. */
  default List<DeployedHandler> handlers(long now) {
    return aggregate(sightings(), now);
  }

  /** The handler {@code name} v{@code version} as seen at {@code now}; empty if never seen. */
  default Optional<DeployedHandler> find(String name, int version, long now) {
    return handlers(now).stream()
        .filter(h -> h.name().equals(name) && h.version() == version)
        .findFirst();
  }

  /** Sightings per handler: live processes and instances, the latest sighting. Pure. */
  static List<DeployedHandler> aggregate(Collection<HandlerSighting> sightings, long now) {
    Map<String, DeployedHandler> byHandler = new LinkedHashMap<>();
    List<HandlerSighting> sorted = new ArrayList<>(sightings);
    sorted.sort(
        Comparator.comparing(HandlerSighting::name)
            .thenComparingInt(HandlerSighting::version)
            .thenComparingLong(HandlerSighting::seenAt));
    for (HandlerSighting s : sorted) {
      boolean alive = now - s.seenAt() <= ALIVE.toMillis();
      byHandler.merge(
          s.name() + " v" + s.version(),
          new DeployedHandler(
              s.name(),
              s.version(),
              alive ? 1 : 0,
              alive ? s.instances() : 0,
              s.seenAt(),
              s.enumerates()),
          (a, b) ->
              new DeployedHandler(
                  a.name(),
                  a.version(),
                  a.processes() + b.processes(),
                  a.instances() + b.instances(),
                  Math.max(a.lastSeen(), b.lastSeen()),
                  b.enumerates())); // sorted by time: the latest word wins
    }
    return List.copyOf(byHandler.values());
  }
}
