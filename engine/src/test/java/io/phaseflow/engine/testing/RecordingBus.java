package io.phaseflow.engine.testing;

import io.phaseflow.handlers.protocol.MessageBus;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wraps a bus and keeps every message published through it and every message its consumers were
 * handed, with the queue's name as this bus was given it: what crossed the wire, for checking
 * against the protocol's schemas ({@link ProtocolSchemas}). Thread-safe when the wrapped bus is.
 */
public final class RecordingBus implements MessageBus {
  /** One message as it crossed this bus. */
  public record Seen(String queue, byte[] body, boolean consumed) {
    @Override
    public String toString() {
      return (consumed ? "consumed from " : "published to ") + queue + ": " + new String(body);
    }
  }

  private final MessageBus bus;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  public RecordingBus(MessageBus bus) {
    this.bus = bus;
  }

  /** Everything seen so far, in order. */
  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  @Override
  public void publish(String queue, byte[] body) {
    seen.add(new Seen(queue, body, false));
    bus.publish(queue, body);
  }

  @Override
  public void publishAll(List<Message> messages) {
    messages.forEach(m -> seen.add(new Seen(m.queue(), m.body(), false)));
    bus.publishAll(messages);
  }

  @Override
  public Subscription consume(String queue, int concurrency, Consumer consumer) {
    return bus.consume(
        queue,
        concurrency,
        body -> {
          seen.add(new Seen(queue, body, true));
          consumer.accept(body);
        });
  }

  @Override
  public OptionalLong depth(String queue) {
    return bus.depth(queue);
  }

  @Override
  public void close() {
    bus.close();
  }
}
