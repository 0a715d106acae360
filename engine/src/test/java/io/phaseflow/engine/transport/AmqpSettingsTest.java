package io.phaseflow.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.ConnectionFactory;
import io.phaseflow.engine.PhaseflowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AmqpSettingsTest {
  private static final String SECRET = "Zq9-s3cr3t-pw";

  @Test
  void fullUrl() {
    AmqpSettings s = AmqpSettings.parse("amqp://alice:" + SECRET + "@mq.example:5673/prod");
    ConnectionFactory f = new ConnectionFactory();
    s.configure(f);

    assertThat(f.getHost()).isEqualTo("mq.example");
    assertThat(f.getPort()).isEqualTo(5673);
    assertThat(f.getVirtualHost()).isEqualTo("prod");
    assertThat(f.getUsername()).isEqualTo("alice");
    assertThat(f.getPassword()).isEqualTo(SECRET);
    assertThat(f.isSSL()).isFalse();
    assertThat(s.redacted()).isEqualTo("amqp://alice:***@mq.example:5673/prod");
    assertThat(s.toString()).doesNotContain(SECRET);
  }

  @Test
  void vhostIsDecodedAndAnEmptyPathIsTheDefaultVhost() {
    assertThat(AmqpSettings.parse("amqp://h/%2F").vhost()).isEqualTo("/");
    assertThat(AmqpSettings.parse("amqp://h/").vhost()).isEqualTo("/");
    assertThat(AmqpSettings.parse("amqp://h").vhost()).isEqualTo("/");
    assertThat(AmqpSettings.parse("amqp://h/a%2Fb").vhost()).isEqualTo("a/b");
    assertThat(AmqpSettings.parse("amqp://h/a%2Fb").redacted()).isEqualTo("amqp://h:5672/a%2Fb");
  }

  @Test
  void amqpsMeansTlsOnPort5671() {
    AmqpSettings s = AmqpSettings.parse("amqps://u:p@h");
    ConnectionFactory f = new ConnectionFactory();
    s.configure(f);

    assertThat(s.tls()).isTrue();
    assertThat(s.port()).isEqualTo(5671);
    assertThat(f.isSSL()).isTrue();
  }

  @Test
  void percentEncodedPassword() {
    ConnectionFactory f = new ConnectionFactory();
    AmqpSettings.parse("amqp://u:p%40ss%2Fw%C3%B6rd@h").configure(f);

    assertThat(f.getPassword()).isEqualTo("p@ss/wörd");
  }

  @Test
  void defaults() {
    AmqpSettings s = AmqpSettings.fromEnvironment(null, null);

    assertThat(s.redacted()).isEqualTo("amqp://guest:***@127.0.0.1:5672/%2F");
    assertThat(s.prefetch()).isEqualTo(100);
    assertThat(s.quorumQueues()).isFalse();
    assertThat(s.consumerThreads()).isZero();
    assertThat(AmqpSettings.fromEnvironment(null, "amqp://e:1").host()).isEqualTo("e");
    assertThat(AmqpSettings.fromEnvironment("amqp://cli:1", "amqp://e:1").host()).isEqualTo("cli");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "redis://u:" + SECRET + "@h",
        "amqp://u:" + SECRET + "@h:99999",
        "amqp://u:" + SECRET + "@:5672",
        "amqp://u:" + SECRET + "@h/%zz",
        "amqp://u:" + SECRET + "@h/?x=1",
      })
  void malformedUrlsAreNamedWithoutThePassword(String url) {
    assertThatThrownBy(() -> AmqpSettings.parse(url))
        .isInstanceOf(PhaseflowException.class)
        .hasMessageContaining("malformed RabbitMQ URL")
        .hasMessageContaining("u:***@")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void invalidOptionsAreRefused() {
    AmqpSettings s = AmqpSettings.parse("amqp://h");

    assertThatThrownBy(() -> s.withPrefetch(0)).hasMessageContaining("prefetch");
    assertThatThrownBy(() -> s.withConsumerThreads(-1)).hasMessageContaining("consumer threads");
    assertThat(s.withPrefetch(5).withQuorumQueues(true).withConsumerThreads(8))
        .satisfies(t -> assertThat(t.prefetch()).isEqualTo(5))
        .satisfies(t -> assertThat(t.quorumQueues()).isTrue())
        .satisfies(t -> assertThat(t.consumerThreads()).isEqualTo(8));
  }

  @Test
  void aClusterIsAListOfNodesSharingTheCredentialsAndVhost() {
    AmqpSettings s =
        AmqpSettings.parse("amqp://alice:" + SECRET + "@h1:5681,h2,[::1]:5683/prod")
            .withPassword("other-" + SECRET);

    assertThat(s.nodes()).containsExactly("h1:5681", "h2:5672", "::1:5683");
    assertThat(s.addresses()).hasSize(3);
    assertThat(s.host()).isEqualTo("h1");
    assertThat(s.vhost()).isEqualTo("prod");
    assertThat(s.redacted()).isEqualTo("amqp://alice:***@h1:5681,h2:5672,[::1]:5683/prod");
    assertThat(AmqpSettings.parse("amqps://h1,h2").redacted())
        .isEqualTo("amqps://h1:5671,h2:5671/%2F");
    assertThat(AmqpSettings.parse("amqp://h").nodes()).containsExactly("h:5672");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "amqp://u:" + SECRET + "@h1:5681,,h3",
        "amqp://u:" + SECRET + "@h1:5681,h2:x",
        "amqp://u:" + SECRET + "@h1,h1:5672",
        "amqp://u:" + SECRET + "@h1,",
      })
  void aNodeListWithAnEmptyABadOrARepeatedNodeIsRefusedWithoutThePassword(String url) {
    assertThatThrownBy(() -> AmqpSettings.parse(url))
        .isInstanceOf(PhaseflowException.class)
        .hasMessageContaining("malformed RabbitMQ URL")
        .hasMessageNotContaining(SECRET);
  }
}
