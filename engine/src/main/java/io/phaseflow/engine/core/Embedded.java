package io.phaseflow.engine.core;

import io.phaseflow.engine.metrics.EngineMetrics;
import io.phaseflow.engine.state.InMemoryStateStore;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.transport.InMemoryBus;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.HandlerRunner;
import io.phaseflow.handlers.protocol.BusJobSource;
import io.phaseflow.handlers.protocol.MessageBus;
import java.time.Clock;
import java.util.function.Function;

/**
 * Everything in one process: in-process queues, the engine, and {@code instances} instances of
 * every registered handler, with state in memory (no servers at all) or in a given store such as
 * Redis. Closing stops handlers first, then the engine, then the store.
 */
public final class Embedded implements AutoCloseable {
  private final InMemoryBus bus = new InMemoryBus();
  private final StateStore store;
  private final Engine engine;
  private final HandlerRunner.Deployment handlers;

  public Embedded(HandlerRegistry registry, int instances, WorkflowListener listener) {
    this(registry, instances, listener, new InMemoryStateStore());
  }

  /**
   * @param store the state store, closed with this
   */
  public Embedded(
      HandlerRegistry registry, int instances, WorkflowListener listener, StateStore store) {
    this(registry, instances, listener, store, bus -> EngineMetrics.NONE);
  }

  /**
   * @param store the state store, closed with this
   * @param metrics the metrics to report to, made for this run's bus (to read its queue depths)
   */
  public Embedded(
      HandlerRegistry registry,
      int instances,
      WorkflowListener listener,
      StateStore store,
      Function<MessageBus, ? extends EngineMetrics> metrics) {
    this.store = store;
    Clock clock = Clock.systemUTC();
    this.engine =
        Engine.builder()
            .store(store)
            .bus(bus)
            .handlers(registry)
            .clock(clock)
            .listener(listener)
            .metrics(metrics.apply(bus))
            .build()
            .start();
    this.handlers = new HandlerRunner(new BusJobSource(bus, clock)).deployAll(registry, instances);
  }

  public Engine engine() {
    return engine;
  }

  public InMemoryBus bus() {
    return bus;
  }

  @Override
  public void close() {
    handlers.close();
    engine.close();
    bus.close();
    store.close();
  }
}
