package io.phaseflow.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.transport.InMemoryBus;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.protocol.Queues;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every hostile message published to an embedded engine's queues lands in the dead letters exactly
 * once with its reason, and leaves its queue empty ({@link HostileMessagesIT}: on RabbitMQ).
 */
class HostileMessagesTest {
  @Test
  void onTheEmbeddedBusEachGoesToTheDeadLettersOnceWithItsReason() throws Exception {
    try (Embedded embedded = new Embedded(new HandlerRegistry(), 1, WorkflowListener.NONE)) {
      embedded.engine().plans().add(HostileMessages.W1);
      InMemoryBus bus = embedded.bus();
      HostileMessages.ALL.forEach(c -> bus.publish(c.queue(), c.bytes()));

      HostileMessages.await(
          "all were dead-lettered", () -> bus.deadLetters().size() >= HostileMessages.ALL.size());
      Thread.sleep(HostileMessages.SETTLE_MILLIS);

      List<HostileMessages.Letter> letters =
          bus.deadLetters().stream()
              .map(
                  d ->
                      new HostileMessages.Letter(
                          d.queue(), new String(d.body(), StandardCharsets.UTF_8), d.reason()))
              .toList();
      HostileMessages.assertEachOnceWithItsReason(letters, q -> q);
      for (String q : Queues.ENGINE) {
        assertThat(bus.depth(q)).as(q).hasValue(0);
      }
      assertThat(embedded.engine().store().workflow(HostileMessages.FORGED_ID)).isEmpty();
      assertThat(embedded.engine().store().workflow(HostileMessages.NEWER_ID)).isEmpty();
    }
  }
}
