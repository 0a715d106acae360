package io.phaseflow.cli;

import io.phaseflow.engine.definition.HandlerReference;
import io.phaseflow.engine.deployed.DeployedHandler;
import io.phaseflow.engine.deployed.HandlerQueue;
import io.phaseflow.engine.plan.Plan;
import io.phaseflow.engine.transport.NamespacedBus;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Queues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads handler queues on a cluster: their consumers and depth from the broker (a passive declare
 * each), the handler's last announcement from the directory (one read for all).
 */
final class HandlerQueueReader {
  private final Cluster cluster;

  HandlerQueueReader(Cluster cluster) {
    this.cluster = cluster;
  }

  /** The queues of {@code handlers}, in their order. */
  List<HandlerQueue> read(List<HandlerReference> handlers) {
    Map<String, DeployedHandler> seen =
        cluster.handlerDirectory().handlers(System.currentTimeMillis()).stream()
            .collect(Collectors.toMap(DeployedHandler::label, Function.identity()));
    MessageBus bus = cluster.bus();
    List<HandlerQueue> queues = new ArrayList<>();
    for (HandlerReference h : handlers) {
      String queue = Queues.handler(h.name(), h.version());
      queues.add(
          new HandlerQueue(
              h.name(),
              h.version(),
              cluster.brokerQueue(queue),
              consumers(bus, queue),
              bus.depth(queue),
              java.util.Optional.ofNullable(seen.get(h.name() + " v" + h.version()))));
    }
    return queues;
  }

  /** The queue of every handler any stored definition names, by name then version. */
  List<HandlerQueue> readAll() {
    Map<String, HandlerReference> all = new TreeMap<>();
    for (Plan plan : cluster.storedPlans()) {
      plan.handlers().forEach(h -> all.putIfAbsent(h.name() + " v" + h.version(), h));
    }
    return read(List.copyOf(all.values()));
  }

  private static OptionalLong consumers(MessageBus bus, String queue) {
    if (bus instanceof NamespacedBus namespaced) {
      return namespaced.consumers(queue);
    }
    return bus instanceof RabbitBus rabbit ? rabbit.consumers(queue) : OptionalLong.empty();
  }
}
