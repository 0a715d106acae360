package io.phaseflow.cli;

import io.phaseflow.engine.metrics.PrometheusEngineMetrics;
import io.phaseflow.engine.plan.Plan;
import io.phaseflow.engine.transport.DeadLetterQueues;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.HandlerRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Prometheus metrics a cluster command serves at /metrics when it serves HTTP. */
final class Metrics {
  private static final Logger log = LoggerFactory.getLogger(Metrics.class);

  private Metrics() {}

  /**
   * Metrics labelled with the cluster's namespace, whose queue depths cover the engine's queues and
   * the queue of every handler that a local handler or a stored definition names, as known at each
   * read of the depths (at most once a second).
   */
  static PrometheusEngineMetrics of(Cluster cluster, HandlerRegistry handlers) {
    Supplier<List<String>> local = PrometheusEngineMetrics.engineAndHandlerQueues(handlers);
    PrometheusEngineMetrics metrics =
        new PrometheusEngineMetrics(
            cluster.bus(),
            () -> {
              Set<String> queues = new TreeSet<>(local.get());
              queues.add(RabbitBus.DEAD_LETTER_QUEUE); // how many wait in the dead letters
              plans(cluster).stream().map(Plan::handlerQueues).forEach(queues::addAll);
              return queues;
            },
            Clock.systemUTC(),
            cluster.keyPrefix());
    DeadLetterQueues.count(cluster.bus(), metrics::deadLettered);
    return metrics;
  }

  /** The stored plans; if Redis cannot list them now, those compiled so far (a scrape goes on). */
  private static List<Plan> plans(Cluster cluster) {
    try {
      return cluster.storedPlans();
    } catch (RuntimeException e) {
      log.warn("cannot list the stored definitions for queue depths: {}", e.getMessage());
      return cluster.plans().all();
    }
  }
}
