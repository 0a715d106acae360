package io.phaseflow.engine.deployed;

import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.PhaseContext;

/**
 * One handlers process's word that it serves a handler: what it last announced.
 *
 * @param name the handler's name
 * @param version its major version
 * @param process the announcing process (host and pid), one sighting per handler and process
 * @param instances how many instances of the handler the process runs
 * @param enumerates whether the handler enumerates its own jobs ({@code jobs()}), which only an
 *     engine with its code can ask
 * @param seenAt when the process last announced it, epoch ms
 * @param semver its full version ({@code Handler.semver()}), {@code VERSION.0.0} when the process
 *     did not say
 */
public record HandlerSighting(
    String name,
    int version,
    String process,
    int instances,
    boolean enumerates,
    long seenAt,
    String semver) {

  public HandlerSighting {
    if (semver == null) {
      semver = version + ".0.0";
    }
  }

  /** A sighting of a handler that declares no full version: {@code VERSION.0.0}. */
  public HandlerSighting(
      String name, int version, String process, int instances, boolean enumerates, long seenAt) {
    this(name, version, process, instances, enumerates, seenAt, null);
  }

  /**
   * What {@code process} says of {@code handler}, deployed with {@code instances}, at {@code now}.
   */
  public static HandlerSighting of(Handler handler, int instances, String process, long now) {
    return new HandlerSighting(
        handler.name(),
        handler.version(),
        process,
        instances,
        enumerates(handler),
        now,
        handler.semver());
  }

  /** Whether the handler's class gives its own {@code jobs()}, rather than the one-job default. */
  public static boolean enumerates(Handler handler) {
    try {
      return handler.getClass().getMethod("jobs", PhaseContext.class).getDeclaringClass()
          != Handler.class;
    } catch (NoSuchMethodException e) {
      return false; // every Handler has jobs(PhaseContext): not reached
    }
  }

  /** This process as sightings name it: {@code pid@host}. */
  public static String thisProcess() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "unknown-host";
    }
    return ProcessHandle.current().pid() + "@" + host.replace('|', '_');
  }
}
