package io.phaseflow.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.definition.DefinitionLoader;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisStateStore;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestHandlers;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.NamespacedBus;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.HandlerRunner;
import io.phaseflow.handlers.protocol.BusJobSource;
import io.phaseflow.handlers.protocol.Priority;
import io.phaseflow.handlers.protocol.Queues;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 15's priority promise on real RabbitMQ and Redis, engine and handlers in this process under
 * a namespace of its own: 1,000 low-priority jobs (100 workflows of 10) wait in their queue before
 * any handler runs; a high-priority workflow of 10 jobs started behind them finishes before the
 * backlog, and before any low workflow.
 */
class PriorityClusterIT {
  private static final Logger log = LoggerFactory.getLogger(PriorityClusterIT.class);
  private static final String DEFINITION =
      """
      {"workflow": "tens", "data": {"items": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]}, "phases": {
        "work": {"is_initial": true, "transitions_to": "done",
                 "handlers": [{"name": "Work", "for_each": "/data/items"}]},
        "done": {"is_final": true}}}
      """;
  private static final int LOW_WORKFLOWS = 100;
  private static final int JOBS = 10;

  private String namespace;
  private RedisConnector redis;
  private StateStore store;
  private RabbitBus rabbit;
  private NamespacedBus bus;
  private Engine engine;
  private HandlerRunner.Deployment handlers;

  @BeforeEach
  void startEngine() {
    namespace = RedisCleanup.uniquePrefix("pfpriority");
    redis = new RedisConnector(TestServers.redisSettings());
    store = RedisStateStore.connect(redis, namespace, Duration.ofMinutes(10));
    rabbit =
        RabbitBus.connect(
            AmqpSettings.parse(TestServers.amqpUrl()).withConnectionName("pfpriority"));
    bus = new NamespacedBus(rabbit, namespace);
    engine = Engine.builder().store(store).bus(bus).build().start();
    engine
        .plans()
        .add(CompiledDefinition.compile(new DefinitionLoader().parse(DEFINITION, "tens.json")));
  }

  @AfterEach
  void stopCluster() {
    if (handlers != null) {
      handlers.close();
    }
    engine.close();
    rabbit.deleteNamespace(namespace, List.of(Queues.handler("Work", 1)));
    rabbit.close();
    store.close();
    RedisCleanup.deletePrefix(redis, namespace);
    redis.close();
  }

  @Test
  void aHighPriorityWorkflowStartedBehindAThousandLowJobsFinishesFirst() {
    List<String> low = new ArrayList<>();
    for (int i = 0; i < LOW_WORKFLOWS; i++) {
      low.add(start(Priority.LOW));
    }
    awaitJobsWaiting(LOW_WORKFLOWS * JOBS);
    String high = start(Priority.HIGH);
    awaitJobsWaiting(LOW_WORKFLOWS * JOBS + JOBS);

    long handlersStarted = System.currentTimeMillis();
    handlers =
        new HandlerRunner(new BusJobSource(bus, Clock.systemUTC()))
            .deployAll(HandlerRegistry.of(List.of(TestHandlers.of("Work", job -> sleep(3)))), 2);

    WorkflowRecord urgent = engine.await(high, Duration.ofSeconds(60));
    List<WorkflowRecord> backlog = new ArrayList<>();
    for (String id : low) {
      backlog.add(engine.await(id, Duration.ofSeconds(120)));
    }

    assertThat(urgent.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(urgent.priority()).isEqualTo(Priority.HIGH);
    assertThat(backlog)
        .allSatisfy(wf -> assertThat(wf.status()).isEqualTo(WorkflowStatus.SUCCEEDED));
    long lastLow = backlog.stream().mapToLong(WorkflowRecord::updatedAt).max().orElseThrow();
    long lowBefore = backlog.stream().filter(wf -> wf.updatedAt() < urgent.updatedAt()).count();
    log.info(
        "high workflow ended {} ms after the first handler started, the low backlog {} ms after it;"
            + " low workflows ended before the high one: {} of {}",
        urgent.updatedAt()
            - backlog.stream().mapToLong(WorkflowRecord::createdAt).min().orElseThrow(),
        lastLow - urgent.updatedAt(),
        lowBefore,
        LOW_WORKFLOWS);
    assertThat(urgent.updatedAt()).as("the high workflow's end").isLessThan(lastLow);
    assertThat(lowBefore).as("low workflows that ended before the high one").isZero();
  }

  private String start(Priority priority) {
    return engine.startWorkflow("tens", JsonNodeFactory.instance.objectNode(), null, priority).id();
  }

  /** Waits until {@code jobs} jobs wait in the Work queues, whatever their priority. */
  private void awaitJobsWaiting(long jobs) {
    List<String> queues = Queues.handlerByPriority("Work", 1);
    LongSupplier depth = () -> queues.stream().mapToLong(q -> bus.depth(q).orElse(0)).sum();
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (depth.getAsLong() < jobs && System.nanoTime() < end) {
      sleep(50);
    }
    assertThat(depth.getAsLong()).as("jobs waiting in " + queues).isEqualTo(jobs);
  }

  private static com.fasterxml.jackson.databind.JsonNode sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }
}
