package io.phaseflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrivateRabbitTest {
  @Test
  void aQueueListedWithoutACountIsNotADepth() {
    // rabbitmqctl list_queues name messages, as a recovering node can print it: one queue down.
    String listed = "chaos.test.dead-letter\t1\nphaseflow.handler.Noop.v1\t\n\n";

    assertThat(PrivateRabbit.depths(listed)).isEqualTo(Map.of("chaos.test.dead-letter", 1L));
    assertThat(PrivateRabbit.depths("")).isEmpty();
  }
}
