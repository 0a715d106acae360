package io.phaseflow.engine.core;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A single daemon thread for periodic work, so that it never keeps a process alive. */
final class DaemonScheduler {
  private DaemonScheduler() {}

  static ScheduledExecutorService single(String name) {
    return Executors.newSingleThreadScheduledExecutor(
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }
}
