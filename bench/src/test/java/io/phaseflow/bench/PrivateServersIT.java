package io.phaseflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.redis.RedisConnection;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisSettings;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.RabbitBus;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos run's own servers: each keeps acknowledged data through a SIGKILL and a restart, and
 * closing leaves nothing listening. Needs redis-server, rabbitmq-server and root, as the chaos run.
 */
class PrivateServersIT {
  /** Kept when a test fails: the RabbitMQ node's log is in it. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void redisKeepsAcknowledgedWritesThroughSigkillAndRestart() throws Exception {
    PrivateRedis redis = PrivateRedis.start(dir.resolve("redis"));
    try (RedisConnector connector = new RedisConnector(RedisSettings.parse(redis.url()))) {
      try (RedisConnection c = connector.connect()) {
        c.sync().set("chaos-test", "kept");
      }
      redis.kill();
      assertThat(listening(redis.port())).isFalse();
      redis.restart();
      try (RedisConnection c = connector.connect()) {
        assertThat(c.sync().get("chaos-test")).isEqualTo("kept");
      }
    } finally {
      redis.close();
    }
    assertThat(listening(redis.port())).isFalse();
  }

  @Test
  void rabbitNodeKeepsConfirmedMessagesThroughSigkillAndStopsCleanly() throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    PrivateRabbit rabbit = PrivateRabbit.start(dir.resolve("rabbitmq"));
    long vm = Long.parseLong(Files.readString(dir.resolve("rabbitmq/pid")).trim());
    try {
      assertThat(rabbit.port()).isNotEqualTo(5672);
      try (RabbitBus bus = RabbitBus.connect(AmqpSettings.parse(rabbit.url()))) {
        bus.publish("chaos.test.dead-letter", "{}".getBytes(StandardCharsets.UTF_8));
      }
      // The queue was declared a moment ago: without this a kill can lose the declaration, and
      // the queue with its confirmed message, before the node wrote it out (see syncDefinitions).
      rabbit.syncDefinitions();
      rabbit.kill();
      assertThat(ProcessHandle.of(vm).map(ProcessHandle::isAlive))
          .isNotEqualTo(java.util.Optional.of(true));
      rabbit.restart();
      vm = Long.parseLong(Files.readString(dir.resolve("rabbitmq/pid")).trim());
      assertThat(rabbit.queueDepths()).containsEntry("chaos.test.dead-letter", 1L);
    } finally {
      rabbit.close();
    }
    assertThat(ProcessHandle.of(vm).map(ProcessHandle::isAlive))
        .isNotEqualTo(java.util.Optional.of(true));
    assertThat(listening(rabbit.port())).isFalse();
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException refused) {
      return false;
    }
  }
}
