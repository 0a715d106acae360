package io.phaseflow.bench;

import io.phaseflow.engine.redis.RedisConnection;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisDefinitionStore;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.transport.RabbitBus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;

/**
 * Everything a chaos run started, closed in reverse order exactly once, whether the run ends, fails
 * or is interrupted (a shutdown hook calls {@link #close}); then its temp directory is removed.
 * Thread-safe.
 */
final class ChaosResources {
  private final Path tmp;
  private boolean closed;
  volatile PrivateRedis redis;
  volatile PrivateRabbit rabbit;
  volatile ProcessSupervisor supervisor;
  volatile ScheduledExecutorService ticker;
  volatile RedisConnector connector;
  volatile RabbitBus bus;
  volatile StateStore store;
  volatile RedisDefinitionStore definitions;
  volatile RedisConnection reader;

  ChaosResources(Path tmp) {
    this.tmp = tmp;
  }

  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (ticker != null) {
      ticker.shutdownNow();
    }
    quietly(() -> supervisor.close(), supervisor);
    quietly(() -> reader.close(), reader);
    quietly(() -> definitions.close(), definitions);
    quietly(() -> store.close(), store);
    quietly(() -> bus.close(), bus);
    quietly(() -> connector.close(), connector);
    quietly(() -> rabbit.close(), rabbit);
    quietly(() -> redis.close(), redis);
    quietly(this::deleteTmp, tmp);
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void quietly(Step step, Object what) {
    if (what == null) {
      return;
    }
    try {
      step.run();
    } catch (Exception e) {
      System.err.println("phaseflow bench chaos: cleanup: " + e);
    }
  }

  private void deleteTmp() throws IOException {
    try (Stream<Path> all = Files.walk(tmp)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
