package io.phaseflow.bench;

import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Messages;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's bus, noting when each phase entry's jobs were published: the time {@code publishAll}
 * returned, the broker having confirmed them. Only messages on one handler queue count (W1
 * publishes each entry's jobs in one call), so the engine's hot path pays one decode per entry.
 * Thread-safe.
 */
final class PublishTimes implements MessageBus {
  private final MessageBus bus;
  private final String jobQueue;
  private final Map<String, Long> byEntry = new ConcurrentHashMap<>();

  PublishTimes(MessageBus bus, String jobQueue) {
    this.bus = bus;
    this.jobQueue = jobQueue;
  }

  /** Epoch ms when entry {@code entry}'s jobs of a workflow were last published, -1 if never. */
  long of(String workflowId, int entry) {
    return byEntry.getOrDefault(key(workflowId, entry), -1L);
  }

  @Override
  public void publish(String queue, byte[] body) {
    bus.publish(queue, body);
    note(queue, body);
  }

  @Override
  public void publishAll(List<Message> messages) {
    bus.publishAll(messages);
    if (!messages.isEmpty()) {
      note(messages.get(0).queue(), messages.get(0).body());
    }
  }

  private void note(String queue, byte[] body) {
    if (queue.equals(jobQueue)) {
      long now = System.currentTimeMillis();
      Job job = Messages.decodeJobs(body).get(0); // a batch: its jobs are of one entry
      byEntry.put(key(job.workflowId(), job.entry()), now);
    }
  }

  private static String key(String workflowId, int entry) {
    return workflowId + "/" + entry;
  }

  @Override
  public Subscription consume(String queue, int concurrency, Consumer consumer) {
    return bus.consume(queue, concurrency, consumer);
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
