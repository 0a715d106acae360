package io.phaseflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A RabbitMQ node's memory as its own {@code rabbitmqctl status --formatter json} reports it. Pure.
 *
 * @param erlang bytes the Erlang VM has in use ({@code total.erlang}): the node total compared
 * @param rss the process's resident size ({@code total.rss}), for reference
 * @param categories the breakdown: binary, queue_procs, msg_index, ...
 */
record NodeMemory(long erlang, long rss, Map<String, Long> categories) {

  /**
   * @throws IllegalArgumentException when the report has no memory totals
   */
  static NodeMemory of(JsonNode status) {
    JsonNode memory = status.path("memory");
    JsonNode total = memory.path("total");
    if (!total.path("erlang").canConvertToLong() || total.path("erlang").asLong() <= 0) {
      throw new IllegalArgumentException(
          "rabbitmqctl status has no memory.total.erlang: RabbitMQ 3.8 or later reports it");
    }
    Map<String, Long> categories = new LinkedHashMap<>();
    memory
        .fields()
        .forEachRemaining(
            f -> {
              if (f.getValue().isNumber()) {
                categories.put(f.getKey(), f.getValue().asLong());
              }
            });
    return new NodeMemory(total.path("erlang").asLong(), total.path("rss").asLong(), categories);
  }

  /** Whether the node's listeners include AMQP on {@code port}: the broker a URL names. */
  static boolean listensOn(JsonNode status, int port) {
    for (JsonNode l : status.path("listeners")) {
      if (l.path("protocol").asText().startsWith("amqp") && l.path("port").asInt() == port) {
        return true;
      }
    }
    return false;
  }

  /** The categories that grew most from {@code before} to this, largest first, at most n. */
  List<Map.Entry<String, Long>> grewMost(NodeMemory before, int n) {
    List<Map.Entry<String, Long>> grown = new ArrayList<>();
    for (var c : categories.entrySet()) {
      if (c.getKey().equals("reserved_unallocated")) {
        continue; // RSS not yet allocated: not memory in use
      }
      long delta = c.getValue() - before.categories().getOrDefault(c.getKey(), 0L);
      if (delta > 0) {
        grown.add(Map.entry(c.getKey(), delta));
      }
    }
    grown.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
    return grown.subList(0, Math.min(n, grown.size()));
  }
}
