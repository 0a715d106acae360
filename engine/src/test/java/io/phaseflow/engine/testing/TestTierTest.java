package io.phaseflow.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The unit tier cannot reach a server, whatever the environment or the local defaults say: every
 * way to one refuses before connecting, naming the test class to rename.
 */
class TestTierTest {
  @Test
  void surefireMarksTheUnitTier() {
    assertThat(System.getProperty(TestTier.PROPERTY))
        .as("set by pom.xml for surefire")
        .isEqualTo("unit");
  }

  @Test
  void redisAndRabbitMqAreRefusedInTheUnitTierNamingTheTestToRename() {
    assertThatThrownBy(TestServers::redisUrl)
        .hasMessageContaining(TestTierTest.class.getName() + " needs Redis")
        .hasMessageContaining("Rename it to *IT");
    assertThatThrownBy(TestServers::amqpUrl)
        .hasMessageContaining(TestTierTest.class.getName() + " needs RabbitMQ");
    assertThatThrownBy(TestServers::redisSettings).hasMessageContaining("unit tier (mvn test)");
  }

  @Test
  void aPrivateRedisServerIsRefusedInTheUnitTierBeforeItStarts() throws Exception {
    SpareRedis redis = SpareRedis.onFreePort();
    assertThatThrownBy(redis::start)
        .hasMessageContaining(TestTierTest.class.getName() + " needs a redis-server process");
    redis.close();
  }
}
