package io.phaseflow.bench;

import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Queues;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bus for measuring stored state: a workflow start is handed straight to the engine that consumes
 * starts (on the publishing thread), everything else (the jobs) is dropped, so the workflows stay
 * pending.
 */
final class DiscardingBus implements MessageBus {
  private final Map<String, Consumer> consumers = new ConcurrentHashMap<>();

  @Override
  public void publish(String queue, byte[] body) {
    Consumer consumer = queue.equals(Queues.WORKFLOW_START) ? consumers.get(queue) : null;
    if (consumer == null) {
      return;
    }
    try {
      consumer.accept(body);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Subscription consume(String queue, int concurrency, Consumer consumer) {
    consumers.put(queue, consumer);
    return () -> consumers.remove(queue, consumer);
  }

  @Override
  public void close() {}
}
