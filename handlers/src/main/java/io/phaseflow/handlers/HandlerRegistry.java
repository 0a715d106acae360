package io.phaseflow.handlers;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Handlers by name and major version. Thread-safe; registering is expected at start-up. */
public final class HandlerRegistry {
  private final Map<String, Map<Integer, Handler>> byName = new ConcurrentHashMap<>();

  public static HandlerRegistry of(Collection<? extends Handler> handlers) {
    HandlerRegistry registry = new HandlerRegistry();
    handlers.forEach(registry::register);
    return registry;
  }

  /**
   * Adds a handler.
   *
   * @throws IllegalArgumentException when that name and version is already registered
   */
  public HandlerRegistry register(Handler handler) {
    checkSemver(handler);
    Map<Integer, Handler> versions =
        byName.computeIfAbsent(handler.name(), n -> new ConcurrentHashMap<>());
    Handler previous = versions.putIfAbsent(handler.version(), handler);
    if (previous != null && previous != handler) {
      throw new IllegalArgumentException(
          "handler "
              + handler.name()
              + " v"
              + handler.version()
              + " is registered twice ("
              + previous.getClass().getName()
              + " and "
              + handler.getClass().getName()
              + "): give one of them another name or version");
    }
    return this;
  }

  /** A semver must be MAJOR.MINOR.PATCH of the handler's own major, or its jobs go astray. */
  private static void checkSemver(Handler handler) {
    String semver = handler.semver();
    if (semver == null
        || !semver.matches("(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})")
        || !semver.startsWith(handler.version() + ".")) {
      throw new IllegalArgumentException(
          "handler "
              + handler.name()
              + " v"
              + handler.version()
              + " declares semver() '"
              + semver
              + "': write MAJOR.MINOR.PATCH with MAJOR "
              + handler.version()
              + " (its version()), e.g. "
              + handler.version()
              + ".2.0");
    }
  }

  /** The handler of that name and version, if registered. */
  public Optional<Handler> find(String name, int version) {
    return Optional.ofNullable(byName.getOrDefault(name, Map.of()).get(version));
  }

  /** Every registered handler, sorted by name then version. */
  public List<Handler> all() {
    return new TreeMap<>(byName)
        .values().stream().flatMap(v -> new TreeMap<>(v).values().stream()).toList();
  }
}
