package io.phaseflow.engine.core;

import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Messages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which ready jobs share a broker message: jobs for the same queue that allow the same number per
 * message ({@code jobs_per_message}) go out together, that many at a time, in the order they came;
 * a job allowing one, and the last job of a queue left alone, goes out as its single message,
 * unchanged. Jobs for different queues never share one. Pure; thread-safe.
 */
final class JobBatches {
  private JobBatches() {}

  /** A ready job's message and how many jobs its message may carry (1 for one on its own). */
  record Ready(MessageBus.Message message, int perMessage) {}

  private record Key(String queue, int perMessage) {}

  static List<MessageBus.Message> group(List<Ready> jobs) {
    List<MessageBus.Message> out = new ArrayList<>(jobs.size());
    Map<Key, List<byte[]>> open = new LinkedHashMap<>();
    for (Ready r : jobs) {
      if (r.perMessage() <= 1) {
        out.add(r.message());
        continue;
      }
      Key key = new Key(r.message().queue(), r.perMessage());
      List<byte[]> batch = open.computeIfAbsent(key, k -> new ArrayList<>(r.perMessage()));
      batch.add(r.message().body());
      if (batch.size() == r.perMessage()) {
        out.add(new MessageBus.Message(r.message().queue(), Messages.batch(batch)));
        open.remove(key);
      }
    }
    open.forEach(
        (key, batch) ->
            out.add(
                new MessageBus.Message(
                    key.queue(), batch.size() == 1 ? batch.get(0) : Messages.batch(batch))));
    return out;
  }
}
