package io.phaseflow.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The servers TestServers chose answer their protocols, not only a TCP connect. */
class TestServersIT {
  @Test
  void redisAnswersPingOnTheTestDatabase() {
    RedisClient client = RedisClient.create(TestServers.redisSettings().toRedisUri());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      assertThat(connection.sync().ping()).isEqualTo("PONG");
      assertThat(TestServers.redisSettings().database()).isEqualTo(TestServers.redisDatabase());
    } finally {
      client.shutdown();
    }
  }

  @Test
  void rabbitMqAcceptsAnAmqpConnection() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(TestServers.amqpUrl());
    factory.setConnectionTimeout(2_000);
    try (Connection connection = factory.newConnection("phaseflow-test-servers")) {
      assertThat(connection.isOpen()).isTrue();
      assertThat(connection.getServerProperties()).containsKey("product");
    }
  }

  @Test
  void amqpPasswordIsRedacted() {
    assertThat(TestServers.redactAmqp(URI.create("amqp://guest:s3cret@h:5672/vh")))
        .isEqualTo("amqp://guest:***@h:5672/vh");
    assertThat(TestServers.redactAmqp(URI.create("amqp://h:5672"))).isEqualTo("amqp://h:5672");
  }
}
