package io.phaseflow.engine.deployed;

/**
 * A handler as the cluster has seen it served, all processes together.
 *
 * @param name the handler's name
 * @param version its major version
 * @param processes processes that announced it within the live window
 * @param instances their instances, together
 * @param lastSeen the latest announcement of any process, epoch ms
 * @param enumerates whether it enumerates its own jobs (as last announced)
 */
public record DeployedHandler(
    String name, int version, int processes, int instances, long lastSeen, boolean enumerates) {
  /** Whether some process announced it within the live window. */
  public boolean alive() {
    return processes > 0;
  }

  /** {@code Name v1}, as the command line and errors name a handler. */
  public String label() {
    return name + " v" + version;
  }
}
