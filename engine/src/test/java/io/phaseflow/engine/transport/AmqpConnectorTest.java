package io.phaseflow.engine.transport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phaseflow.engine.PhaseflowException;
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
}
