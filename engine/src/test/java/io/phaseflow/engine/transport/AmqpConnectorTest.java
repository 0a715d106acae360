package io.phaseflow.engine.transport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phaseflow.engine.PhaseflowException;
import io.phaseflow.engine.testing.TestServers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** Which connection failures are worth waiting out, and which need a person to fix something. */
class AmqpConnectorTest {

  /**
   * A broker that is still booting accepts the TCP connection and drops it during the handshake
   * (seen in the chaos gate): a long-running process must keep waiting for it, not exit as if the
   * vhost or permissions were wrong.
   */
  @Test
  void aBrokerThatDropsTheHandshakeIsRetryable() throws IOException {
    try (ServerSocket booting = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread dropper =
          new Thread(
              () -> {
                while (!booting.isClosed()) {
                  try (Socket s = booting.accept()) {
                    s.getInputStream().read(new byte[8]); // the protocol header, then hang up
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      dropper.setDaemon(true);
      dropper.start();
      AmqpSettings settings =
          AmqpSettings.parse("amqp://guest:guest@127.0.0.1:" + booting.getLocalPort());

      assertThatThrownBy(() -> RabbitBus.connect(settings, 2, 10, "unused.dead-letter"))
          .isInstanceOf(PhaseflowException.class)
          .hasMessageStartingWith("cannot reach RabbitMQ at")
          .matches(e -> ((PhaseflowException) e).retryable(), "retryable");
    }
  }

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
