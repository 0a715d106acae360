package io.phaseflow.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.SpareRedis;
import io.phaseflow.engine.testing.TcpProxy;
import io.phaseflow.engine.testing.TestServers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A publish made while the connection is lost (a cluster node stopped, the broker restarting) is
 * published once the client has recovered the connection, and its future completes with that
 * confirm; before, it failed at once with "channel is already closed".
 */
class PublishRecoveryIT {

  @Test
  void aPublishMadeWhileTheConnectionIsLostGoesOutOnceItRecovered() throws Exception {
    String queue = RedisCleanup.uniquePrefix("pfrepub") + ".phaseflow.q";
    URI shared = URI.create(TestServers.amqpUrl());
    int port = shared.getPort() < 0 ? 5672 : shared.getPort();
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    try (TcpProxy proxy = new TcpProxy(SpareRedis.freePort(), shared.getHost(), port).start();
        RabbitBus direct = RabbitBus.connect(AmqpSettings.parse(TestServers.amqpUrl()));
        RabbitBus bus =
            RabbitBus.connect(
                AmqpSettings.parse(
                    "amqp://" + shared.getRawUserInfo() + "@127.0.0.1:" + proxy.port()))) {
      try {
        bus.publish(queue, body);

        proxy.stop(); // the node is gone: the connection drops
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (bus.connection().isOpen() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(bus.connection().isOpen()).as("connection lost").isFalse();
        CompletableFuture<Void> confirm = bus.publishAsync(queue, body);
        Thread.sleep(300);
        assertThat(confirm).as("waits for the recovery").isNotDone();

        proxy.start(); // another node answers

        confirm.get(20, TimeUnit.SECONDS);
        assertThat(direct.depth(queue)).hasValue(2);
      } finally {
        direct.deleteQueue(queue);
        direct.deleteQueue(QueueDeclarer.markerOf(queue));
      }
    }
  }
}
