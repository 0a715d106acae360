package io.phaseflow.cli;

import io.phaseflow.engine.ServerUnavailable;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a long-running process's start-up (connect, declare, subscribe) until it succeeds, waiting
 * per a {@link Backoff} while a server is unreachable and writing one line per failed attempt: the
 * server (without password), the attempt, the cause and the next wait. Failures that are not a
 * server's (a wrong password, a bad option) end it at once. The decisions are {@link Backoff}'s and
 * {@link ServerFailure}'s; this only loops. Used from one thread.
 */
final class ServerWait {
  /** Sleeps between attempts; a seam for tests. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final Backoff backoff;
  private final String process;
  private final String redis;
  private final String rabbit;
  private final PrintWriter log;
  private final Sleeper sleeper;

  ServerWait(Backoff backoff, String process, Cluster cluster, PrintWriter log) {
    this(
        backoff,
        process,
        cluster.redisWhere(),
        cluster.amqpWhere(),
        log,
        d -> Thread.sleep(d.toMillis()));
  }

  ServerWait(
      Backoff backoff,
      String process,
      String redis,
      String rabbit,
      PrintWriter log,
      Sleeper sleeper) {
    this.backoff = backoff;
    this.process = process;
    this.redis = redis;
    this.rabbit = rabbit;
    this.log = log;
    this.sleeper = sleeper;
  }

  /** {@code step}'s result, once it succeeded. */
  <T> T until(Supplier<T> step) throws InterruptedException {
    long began = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        return step.get();
      } catch (RuntimeException e) {
        Optional<ServerFailure> failure = ServerFailure.of(e, redis, rabbit);
        if (failure.isEmpty()) {
          throw e;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
        Optional<Duration> delay = backoff.delayAfter(attempt, elapsed);
        ServerFailure f = failure.get();
        if (delay.isEmpty()) {
          throw new ServerUnavailable(
              String.format(
                  "gave up waiting for %s after %d attempt%s over %s (%s); --connect-timeout sets"
                      + " how long to wait",
                  f.server(), attempt, attempt == 1 ? "" : "s", Backoff.show(elapsed), f.cause()),
              e);
        }
        log.printf(
            "phaseflow %s: waiting for %s: attempt %d failed (%s); next in %s%n",
            process, f.server(), attempt, f.cause(), Backoff.show(delay.get()));
        log.flush();
        sleeper.sleep(delay.get());
      }
    }
  }

  /** {@link #until(Supplier)} for a step without a result. */
  void until(Runnable step) throws InterruptedException {
    until(
        () -> {
          step.run();
          return null;
        });
  }
}
