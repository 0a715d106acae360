package io.phaseflow.engine.transport;

import static io.phaseflow.engine.testing.DefinitionBuilder.forEach;
import static io.phaseflow.engine.testing.DefinitionBuilder.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.plan.Plan;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisStateStore;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.DuplicatingBus;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestHandlers;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.HandlerRunner;
import io.phaseflow.handlers.protocol.BusJobSource;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Queues;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Processes die on real Redis and RabbitMQ, and nothing is lost or counted twice: a handler
 * instance that dies holding jobs, an engine that dies after storing an effect and before
 * acknowledging its message, and brokers that deliver messages twice.
 */
class ClusterCrashIT {
  private static final int JOBS = 6;

  private final List<AutoCloseable> open = new ArrayList<>();
  private String namespace;
  private RedisConnector redis;
  private StateStore store;
  private Plan plan;

  @BeforeEach
  void setUp() {
    namespace = RedisCleanup.uniquePrefix("pfcrash");
    redis = new RedisConnector(TestServers.redisSettings());
    store = RedisStateStore.connect(redis, namespace, Duration.ofMinutes(10));
    plan =
        CompiledDefinition.compile(
            workflow("crash")
                .initialWith("work", "check", null, forEach("Work", "/data/items"))
                .phase("check", "done", null, "Check")
                .end("done")
                .build());
  }

  @AfterEach
  void tearDown() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    try (RabbitBus admin = rabbit("admin")) {
      admin.deleteNamespace(
          namespace, List.of(Queues.handler("Work", 1), Queues.handler("Check", 1)));
    }
    store.close();
    RedisCleanup.deletePrefix(redis, namespace);
    redis.close();
  }

  private RabbitBus rabbit(String name) {
    return RabbitBus.connect(
        AmqpSettings.parse(TestServers.amqpUrl()).withConnectionName("pfcrash-" + name));
  }

  private <T extends AutoCloseable> T keep(T closeable) {
    open.add(closeable);
    return closeable;
  }

  private Engine engine(MessageBus bus) {
    Engine engine = Engine.builder().store(store).bus(bus).concurrency(3).build();
    engine.plans().add(plan);
    return keep(engine.start());
  }

  private HandlerRunner.Deployment handlers(MessageBus bus, Handler work) {
    HandlerRegistry registry =
        HandlerRegistry.of(
            List.of(
                work,
                TestHandlers.of(
                    "Check",
                    job -> JsonNodeFactory.instance.numberNode(job.inputs().get("Work").size()))));
    return keep(new HandlerRunner(new BusJobSource(bus, Clock.systemUTC())).deployAll(registry, 3));
  }

  private static Handler working() {
    return TestHandlers.echo("Work");
  }

  private List<String> start(Engine engine, int workflows) {
    ObjectNode input = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < JOBS; i++) {
      input.withArrayProperty("items").add(i);
    }
    List<String> ids = new ArrayList<>();
    for (int w = 0; w < workflows; w++) {
      ids.add(engine.startWorkflow("crash", input));
    }
    return ids;
  }

  /** Every workflow succeeded with each job counted exactly once. */
  private void assertExactHistories(Engine engine, List<String> ids) {
    for (String id : ids) {
      WorkflowRecord wf = engine.await(id, Duration.ofSeconds(60));
      assertThat(wf.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
      List<TransitionRecord> history = store.history(id);
      assertThat(history)
          .extracting(TransitionRecord::from)
          .containsExactly(null, "work", "check", "done");
      assertThat(history.get(1).jobs().total()).isEqualTo(JOBS);
      assertThat(history.get(1).jobs().succeeded()).isEqualTo(JOBS);
      assertThat(store.jobs(id, 2).get(0).output().asInt())
          .as("Check saw every Work output once")
          .isEqualTo(JOBS);
    }
  }

  @Test
  void jobsHeldByAHandlerThatDiesAreRedeliveredAndTheWorkflowCompletes() throws Exception {
    Engine engine = engine(new NamespacedBus(keep(rabbit("engine")), namespace));
    CountDownLatch holding = new CountDownLatch(3);
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger doomedCalls = new AtomicInteger();
    RabbitBus doomed = rabbit("doomed-handlers");
    handlers(
        new NamespacedBus(doomed, namespace),
        TestHandlers.of(
            "Work",
            job -> {
              doomedCalls.incrementAndGet();
              holding.countDown();
              try {
                never.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return job.payload();
            }));
    List<String> ids = start(engine, 2);
    assertThat(holding.await(20, TimeUnit.SECONDS)).as("the doomed instances hold jobs").isTrue();

    doomed.connection().abort(); // the handler process dies: its channels close without acks
    handlers(new NamespacedBus(keep(rabbit("survivor-handlers")), namespace), working());

    assertExactHistories(engine, ids);
    assertThat(doomedCalls.get()).isGreaterThanOrEqualTo(3);
    never.countDown();
  }

  @Test
  void anEngineThatDiesAfterStoringAnEffectAndBeforeAckingChangesNothingOnRedelivery()
      throws Exception {
    RabbitBus doomed = rabbit("doomed-engine");
    AtomicInteger crashesLeft = new AtomicInteger(4);
    MessageBus crashing =
        new CrashAfterEffectBus(
            new NamespacedBus(doomed, namespace),
            () -> {
              if (crashesLeft.getAndDecrement() > 0) {
                doomed.connection().abort();
                throw new IllegalStateException("simulated crash after the effect was stored");
              }
            });
    Engine doomedEngine = engine(crashing);
    Engine survivor = engine(new NamespacedBus(keep(rabbit("survivor-engine")), namespace));
    handlers(new NamespacedBus(keep(rabbit("handlers")), namespace), working());

    List<String> ids = start(survivor, 10);

    assertExactHistories(survivor, ids);
    assertThat(crashesLeft.get()).as("the doomed engine crashed").isLessThan(4);
    doomedEngine.close();
  }

  @Test
  void duplicatedDeliveriesNeverDoubleCount() {
    Engine engine =
        engine(new DuplicatingBus(new NamespacedBus(keep(rabbit("engine")), namespace), 0.3, 7));
    handlers(
        new DuplicatingBus(new NamespacedBus(keep(rabbit("handlers")), namespace), 0.3, 11),
        working());

    List<String> ids = start(engine, 10);

    assertExactHistories(engine, ids);
  }

  /**
   * Runs each message's consumer (so its effect is stored), then calls {@code crash} before the
   * message can be acknowledged: an engine dying at the worst moment.
   */
  private static final class CrashAfterEffectBus implements MessageBus {
    private final MessageBus bus;
    private final Runnable crash;

    CrashAfterEffectBus(MessageBus bus, Runnable crash) {
      this.bus = bus;
      this.crash = crash;
    }

    @Override
    public void publish(String queue, byte[] body) {
      bus.publish(queue, body);
    }

    @Override
    public Subscription consume(String queue, int concurrency, Consumer consumer) {
      return bus.consume(
          queue,
          concurrency,
          body -> {
            consumer.accept(body);
            crash.run();
          });
    }

    @Override
    public void close() {
      bus.close();
    }
  }
}
