package io.phaseflow.cli;

import io.phaseflow.engine.deployed.HandlerDirectory;
import io.phaseflow.engine.deployed.HandlerSighting;
import io.phaseflow.handlers.Handler;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces a handlers process's handlers in the directory now and every {@link
 * HandlerDirectory#HEARTBEAT} until closed, so readers know who serves what and since when. A
 * failed announcement (Redis away) is logged and tried again at the next beat. Thread-safe.
 */
final class HandlerHeartbeat implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HandlerHeartbeat.class);

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "phaseflow-handler-heartbeat");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param directory asked at each beat: handlers need only the broker to work, so Redis being away
   *     delays the announcement, never the jobs
   */
  HandlerHeartbeat(
      Supplier<HandlerDirectory> directory, List<Handler> handlers, int instances, Clock clock) {
    String process = HandlerSighting.thisProcess();
    Runnable beat =
        () -> {
          long now = clock.millis();
          try {
            directory
                .get()
                .announce(
                    handlers.stream()
                        .map(h -> HandlerSighting.of(h, instances, process, now))
                        .toList());
          } catch (RuntimeException e) {
            log.warn("cannot announce the handlers of this process: {}", e.getMessage());
          }
        };
    long every = HandlerDirectory.HEARTBEAT.toMillis();
    timer.scheduleAtFixedRate(beat, 0, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
