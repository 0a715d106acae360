package io.phaseflow.engine.transport;

import com.rabbitmq.client.AMQP;
import io.phaseflow.engine.dead.DeadLetters;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The one owner of how a dead letter is written on RabbitMQ: its reason, original queue, time and
 * failure count in headers, its id as the message id; and how one is read back into a {@link
 * DeadLetters.Letter}. Pure; thread-safe.
 */
final class DeadLetterHeaders {
  static final String REASON = "x-phaseflow-reason";
  static final String QUEUE = "x-phaseflow-queue";
  static final String AT = "x-phaseflow-at";

  private DeadLetterHeaders() {}

  /** The properties of the dead letter of a message from {@code queue}. */
  static AMQP.BasicProperties write(String queue, FailedDelivery decision, Clock clock) {
    Map<String, Object> headers = new HashMap<>();
    headers.put(REASON, decision.reason());
    headers.put(QUEUE, queue);
    headers.put(AT, clock.millis());
    if (decision.failures() > 0) {
      headers.put(FailedDelivery.FAILURES_HEADER, decision.failures());
    }
    return RabbitBus.PERSISTENT_JSON.builder().messageId(LetterIds.next()).headers(headers).build();
  }

  /** A dead letter as read from the queue; fields it lacks read as "unknown" or 0. */
  static DeadLetters.Letter read(AMQP.BasicProperties props, byte[] body) {
    Map<String, Object> headers = props == null ? null : props.getHeaders();
    if (headers == null) {
      headers = Map.of();
    }
    String reason = text(headers.get(REASON), "unknown (no reason recorded)");
    String id = props == null ? null : props.getMessageId();
    if (id == null || id.isBlank()) {
      id = LetterIds.derived(reason, body);
    }
    long at = 0;
    if (headers.get(AT) instanceof Number n) {
      at = n.longValue();
    } else if (props != null && props.getTimestamp() != null) {
      at = props.getTimestamp().getTime();
    }
    return new DeadLetters.Letter(
        id,
        text(headers.get(QUEUE), "unknown"),
        reason,
        at,
        FailedDelivery.failures(headers.get(FailedDelivery.FAILURES_HEADER)),
        body);
  }

  /** Header strings arrive as the client's LongString: their text is toString. */
  private static String text(Object value, String absent) {
    return value == null ? absent : value.toString();
  }
}
