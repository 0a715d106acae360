package io.phaseflow.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import io.phaseflow.engine.dead.DeadLetters;
import io.phaseflow.handlers.protocol.Messages;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterHeadersTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochMilli(1_700_000_000_123L), ZoneOffset.UTC);
  private static final byte[] BODY = "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void whatIsWrittenIsReadBack() {
    FailedDelivery decision =
        FailedDelivery.decide(new Messages.MalformedMessageException("no id", null), 0);
    AMQP.BasicProperties props =
        DeadLetterHeaders.write("ns.phaseflow.job-finished", decision, CLOCK);

    DeadLetters.Letter l = DeadLetterHeaders.read(props, BODY);

    assertThat(l.id()).matches("d-[0-9a-z]{10}").isEqualTo(props.getMessageId());
    assertThat(l.queue()).isEqualTo("ns.phaseflow.job-finished");
    assertThat(l.reason()).isEqualTo("no id");
    assertThat(l.at()).isEqualTo(1_700_000_000_123L);
    assertThat(l.failures()).isZero();
    assertThat(l.preview()).isEqualTo("{\"id\":\"x\"}");
  }

  @Test
  void aLetterFromBeforeIdsKeepsAnIdDerivedFromItsContent() {
    AMQP.BasicProperties old =
        new AMQP.BasicProperties.Builder()
            .headers(Map.of("x-phaseflow-reason", "bad", "x-phaseflow-queue", "q"))
            .build();

    DeadLetters.Letter l = DeadLetterHeaders.read(old, BODY);

    assertThat(l.id()).matches("h-[0-9a-f]{10}").isEqualTo(DeadLetterHeaders.read(old, BODY).id());
    assertThat(l.at()).isZero();
    assertThat(DeadLetterHeaders.read(null, BODY).reason())
        .isEqualTo("unknown (no reason recorded)");
  }

  @Test
  void aLongBodyIsPreviewedCutWithItsSize() {
    byte[] big = "x".repeat(300).getBytes(StandardCharsets.UTF_8);
    DeadLetters.Letter l = new DeadLetters.Letter("d-1", "q", "r", 0, 0, big);
    assertThat(l.preview()).isEqualTo("x".repeat(200) + "… (300 bytes)");
  }
}
