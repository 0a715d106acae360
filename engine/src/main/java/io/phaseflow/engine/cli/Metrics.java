package io.phaseflow.engine.cli;

import io.phaseflow.engine.core.PlanCatalog;
import io.phaseflow.engine.metrics.PrometheusEngineMetrics;
import io.phaseflow.engine.plan.Plan;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.MessageBus;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/** The Prometheus metrics a command serves at /metrics when it serves HTTP. */
final class Metrics {
  private Metrics() {}

  /**
   * Metrics whose queue depths cover the engine's queues and the queue of every handler that a
   * local handler or a loaded plan names, as known at each scrape.
   */
  static PrometheusEngineMetrics of(MessageBus bus, HandlerRegistry handlers, PlanCatalog plans) {
    Supplier<java.util.List<String>> local =
        PrometheusEngineMetrics.engineAndHandlerQueues(handlers);
    return new PrometheusEngineMetrics(
        bus,
        () -> {
          Set<String> queues = new TreeSet<>(local.get());
          plans.all().stream().map(Plan::handlerQueues).forEach(queues::addAll);
          return queues;
        });
  }
}
