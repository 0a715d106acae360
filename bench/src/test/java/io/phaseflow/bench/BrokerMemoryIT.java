package io.phaseflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link BrokerMemory} on the real local broker: a figure from the broker's own report, the queue
 * it measured gone afterwards. The test servers are on this machine, so it never skips: a broker it
 * cannot measure fails it, with the reason.
 */
class BrokerMemoryIT {

  @Test
  void queuedJobsCostBytesTheBrokerReportsAndTheQueueIsDeletedAfter() throws Exception {
    AmqpSettings amqp = AmqpSettings.parse(TestServers.amqpUrl());
    StringBuilder whyNot = new StringBuilder();
    Optional<BrokerMemory> broker = BrokerMemory.of(amqp, whyNot);
    assertThat(broker).as("the local broker is measurable: %s", whyNot).isPresent();

    BrokerMemory.Settings s = new BrokerMemory.Settings(5_000, false, null);
    BrokerMemory.Result r = broker.get().run(s);
    StringWriter out = new StringWriter();
    BrokerMemory.print(s, r, new PrintWriter(out));

    assertThat(r.queue().path("messages").asLong()).isEqualTo(5_000);
    assertThat(r.queue().path("type").asText()).isEqualTo("classic");
    assertThat(r.bodyBytes()).isBetween(150, 250); // a W1 job: ids, phase, item, the items
    assertThat(r.after().erlang()).isPositive();
    assertThat(r.queue().path("memory").asLong()).isPositive();
    assertThat(out.toString())
        .contains("queued jobs         5,000 W1 job messages of " + r.bodyBytes() + " B")
        .containsPattern("per queued job +-?[0-9.]+ B \\(node total; bound 300 B\\)")
        .contains("queue's own");
    String queue = r.queue().path("name").asText();
    assertThat(RabbitCtl.find().orElseThrow().queue(amqp.vhost(), queue, "messages"))
        .as("%s is deleted", queue)
        .isEmpty();
  }
}
