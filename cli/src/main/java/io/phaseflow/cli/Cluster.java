package io.phaseflow.cli;

import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.core.PlanCatalog;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.deployed.HandlerDirectory;
import io.phaseflow.engine.deployed.HandlerSighting;
import io.phaseflow.engine.http.DefinitionCatalog;
import io.phaseflow.engine.metrics.EngineMetrics;
import io.phaseflow.engine.plan.Plan;
import io.phaseflow.engine.redis.ConnectRetry;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisDefinitionStore;
import io.phaseflow.engine.redis.RedisHandlerDirectory;
import io.phaseflow.engine.redis.RedisScheduleStore;
import io.phaseflow.engine.redis.RedisStateStore;
import io.phaseflow.engine.schedule.ScheduleStore;
import io.phaseflow.engine.schedule.Schedules;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.transport.NamespacedBus;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.protocol.MessageBus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The connections a cluster command needs: Redis for state and definitions, RabbitMQ for queues.
 * Opened lazily, closed in reverse order.
 */
final class Cluster implements AutoCloseable {
  static final String KEY_PREFIX = "pf";

  private final ServerOptions options;
  private final String name;
  private final boolean retries;
  private RedisConnector redis;
  private RedisStateStore store;
  private RedisDefinitionStore definitions;
  private RabbitBus rabbit;
  private MessageBus bus;
  private PlanCatalog plans;
  private int prefetch;
  private int maxOutputBytes = Engine.DEFAULT_MAX_BYTES;
  private RedisHandlerDirectory handlerDirectory;
  private RedisScheduleStore scheduleStore;

  /** For a one-shot command: each first connection is tried a few times within ~2 s. */
  Cluster(ServerOptions options, String name) {
    this(options, name, true);
  }

  private Cluster(ServerOptions options, String name, boolean retries) {
    this.options = options;
    this.name = name;
    this.retries = retries;
  }

  /**
   * For a long-running process that waits for its servers ({@link ServerWait}): each call that
   * connects tries once, and a failed one can be called again.
   */
  static Cluster waiting(ServerOptions options, String name) {
    return new Cluster(options, name, false);
  }

  RedisConnector redis() {
    if (redis == null) {
      redis =
          retries
              ? new RedisConnector(options.redisSettings())
              : new RedisConnector(
                  options.redisSettings(), new ConnectRetry(1, Duration.ZERO, Duration.ZERO));
    }
    return redis;
  }

  StateStore store() {
    if (store == null) {
      store = RedisStateStore.connect(redis(), keyPrefix(), StateStore.DEFAULT_RETENTION);
    }
    return store;
  }

  RedisDefinitionStore definitions() {
    if (definitions == null) {
      definitions = new RedisDefinitionStore(redis().connect(), keyPrefix());
    }
    return definitions;
  }

  /** The plans of this process's engine, compiled from Redis on first use. */
  PlanCatalog plans() {
    if (plans == null) {
      plans = new PlanCatalog(definitions());
    }
    return plans;
  }

  /**
   * Every stored version of every definition, compiled once each (kept in {@link #plans()}): what
   * the cluster's handlers may be asked to run, whether or not this process started any.
   */
  List<Plan> storedPlans() {
    RedisDefinitionStore stored = definitions();
    List<Plan> all = new ArrayList<>();
    for (String definition : stored.names()) {
      for (int version : stored.versions(definition)) {
        all.add(plans().get(definition, version));
      }
    }
    return all;
  }

  /** The handlers the cluster's handlers processes announce (in Redis). */
  synchronized HandlerDirectory handlerDirectory() {
    if (handlerDirectory == null) {
      handlerDirectory =
          new RedisHandlerDirectory(redis().connect(), keyPrefix(), Clock.systemUTC());
    }
    return handlerDirectory;
  }

  /** The namespace's schedules in Redis (connected on first use). */
  synchronized ScheduleStore scheduleStore() {
    if (scheduleStore == null) {
      scheduleStore = new RedisScheduleStore(redis(), keyPrefix());
    }
    return scheduleStore;
  }

  /** Adding, removing and listing the namespace's schedules, checked against the definitions. */
  Schedules schedules() {
    return new Schedules(scheduleStore(), store(), () -> definitions().names(), Clock.systemUTC());
  }

  /** The stored definitions, as the HTTP API lists and draws them. */
  DefinitionCatalog catalog() {
    RedisDefinitionStore stored = definitions();
    return DefinitionCatalog.stored(stored::names, stored::versions, plans());
  }

  /**
   * Messages each consumer channel of this process takes ahead of the one in hand (the broker's
   * default of the settings when not called); before {@link #bus()} connects.
   */
  Cluster prefetch(int messages) {
    this.prefetch = messages;
    return this;
  }

  /** The largest job output the engines built here record (else the job fails, naming it). */
  Cluster maxOutputBytes(int bytes) {
    this.maxOutputBytes = bytes;
    return this;
  }

  int maxOutputBytes() {
    return maxOutputBytes;
  }

  MessageBus bus() {
    if (bus == null) {
      var settings =
          options
              .amqpSettings()
              .withQuorumQueues(options.quorum)
              .withConnectionName("phaseflow-" + name);
      rabbit = RabbitBus.connect(prefetch > 0 ? settings.withPrefetch(prefetch) : settings);
      bus = options.namespace == null ? rabbit : new NamespacedBus(rabbit, options.namespace);
    }
    return bus;
  }

  /**
   * The broker's name of {@code queue}: under the namespace, if any (as {@link #bus()} uses it).
   */
  String brokerQueue(String queue) {
    return bus() instanceof NamespacedBus namespaced ? namespaced.name(queue) : queue;
  }

  /** The broker's name of this cluster's dead-letter queue. */
  String deadLetterQueue() {
    return RabbitBus.deadLetterQueue(options.namespace);
  }

  /** The Redis key prefix: the namespace, or {@value #KEY_PREFIX}. */
  String keyPrefix() {
    return options.namespace == null ? KEY_PREFIX : options.namespace;
  }

  /** An engine on this cluster; not consuming until started. */
  Engine engine(HandlerRegistry handlers, WorkflowListener listener, int concurrency) {
    return engine(handlers, listener, concurrency, EngineMetrics.NONE);
  }

  /** An engine on this cluster reporting to {@code metrics}; not consuming until started. */
  Engine engine(
      HandlerRegistry handlers, WorkflowListener listener, int concurrency, EngineMetrics metrics) {
    return engine(handlers, listener, concurrency, metrics, Duration.ofSeconds(1));
  }

  /** As above, its deadline watchdog passing every {@code watchdogInterval}. */
  Engine engine(
      HandlerRegistry handlers,
      WorkflowListener listener,
      int concurrency,
      EngineMetrics metrics,
      Duration watchdogInterval) {
    return Engine.builder()
        .watchdogInterval(watchdogInterval)
        .metrics(metrics)
        .store(store())
        .bus(bus())
        .plans(plans())
        .handlers(handlers)
        .handlerDirectory(lazyDirectory())
        .schedules(scheduleStore())
        .listener(listener)
        .concurrency(concurrency)
        .maxOutputBytes(maxOutputBytes)
        .build();
  }

  /**
   * The handler directory, connected on first use: {@code start} and {@code serve} build an engine
   * that plans nothing and needs no connection for it.
   */
  private HandlerDirectory lazyDirectory() {
    return new HandlerDirectory() {
      @Override
      public void announce(List<HandlerSighting> sightings) {
        handlerDirectory().announce(sightings);
      }

      @Override
      public List<HandlerSighting> sightings() {
        return handlerDirectory().sightings();
      }
    };
  }

  /** Where the state is: {@code Redis redis://127.0.0.1:6379/0 under prefix 'pf'}, no password. */
  String stateWhere() {
    return "Redis " + options.redisSettings().redacted() + " under prefix '" + keyPrefix() + "'";
  }

  /** {@code Redis at URL}, no password: for messages. */
  String redisWhere() {
    return "Redis at " + options.redisSettings().redacted();
  }

  /** {@code RabbitMQ at URL}, no password: for messages. */
  String amqpWhere() {
    return "RabbitMQ at " + options.amqpSettings().redacted();
  }

  String where() {
    return "Redis "
        + options.redisSettings().redacted()
        + ", RabbitMQ "
        + options.amqpSettings().redacted();
  }

  @Override
  public void close() {
    if (bus != null) {
      bus.close();
    }
    if (store != null) {
      store.close();
    }
    if (definitions != null) {
      definitions.close();
    }
    if (handlerDirectory != null) {
      handlerDirectory.close();
    }
    if (scheduleStore != null) {
      scheduleStore.close();
    }
    if (redis != null) {
      redis.close();
    }
  }
}
