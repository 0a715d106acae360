package io.phaseflow.engine.transport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.testing.TestServers;
import org.junit.jupiter.api.Test;

/** Connection refusals on the real broker: the counterpart of {@link AmqpConnectorTest}. */
class AmqpConnectorIT {

  /** A broker that answers with a close (an unknown vhost) is refused at once, not retried. */
  @Test
  void aBrokerThatClosesTheConnectionWithAReasonIsNotRetryable() {
    String url = TestServers.amqpUrl().replaceFirst("(:\\d+)(/.*)?$", "$1/phaseflow-no-such-vhost");
    AmqpSettings settings = AmqpSettings.parse(url);

    assertThatThrownBy(() -> RabbitBus.connect(settings, 3, 10, "unused.dead-letter"))
        .isInstanceOf(PhaseflowException.class)
        .hasMessageContaining("refused the connection")
        .hasMessageContaining("check the vhost")
        .matches(e -> !((PhaseflowException) e).retryable(), "not retryable");
  }
}
