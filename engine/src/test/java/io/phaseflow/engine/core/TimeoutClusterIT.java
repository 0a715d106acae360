package io.phaseflow.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.definition.DefinitionLoader;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisStateStore;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.JobStatus;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.AmqpSettings;
import io.phaseflow.engine.transport.NamespacedBus;
import io.phaseflow.engine.transport.RabbitBus;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.HandlerRunner;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import io.phaseflow.handlers.protocol.BusJobSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Timeouts on real RabbitMQ and Redis, engine and handlers in this process, under a namespace of
 * its own: a hanging job is timed out after 300 ms three times, with backoff between, then takes
 * the error edge; a job that heartbeats outlives its timeout; a heartbeat job whose handler process
 * dies mid-job is retried by the watchdog, not redelivered by the broker.
 */
class TimeoutClusterIT {
  private static final String DEFINITION =
      """
      {"workflow": "hang", "phases": {
        "work": {"is_initial": true, "transitions_to": "done", "on_error_transition_to": "report",
                 "handlers": [{"name": "Hang", "timeout": "300ms", "max_attempts": 3,
                               "backoff": {"initial": "100ms", "multiplier": 2, "jitter": 0}}]},
        "report": {"is_final": true},
        "done": {"is_final": true}}}
      """;
  private static final String BEATING =
      """
      {"workflow": "beating", "phases": {
        "work": {"is_initial": true, "transitions_to": "done", "on_error_transition_to": "failed",
                 "handlers": [{"name": "Long", "timeout": "300ms", "heartbeat_timeout": "200ms",
                               "max_attempts": 1}]},
        "failed": {"is_final": true},
        "done": {"is_final": true}}}
      """;

  private static final String CRASHING =
      """
      {"workflow": "crashing", "phases": {
        "work": {"is_initial": true, "transitions_to": "done", "on_error_transition_to": "failed",
                 "handlers": [{"name": "Crash", "timeout": "10s", "heartbeat_timeout": "300ms",
                               "max_attempts": 2, "backoff": {"initial": "100ms", "jitter": 0}}]},
        "failed": {"is_final": true},
        "done": {"is_final": true}}}
      """;

  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger hangs = new AtomicInteger();
  private final AtomicInteger longRuns = new AtomicInteger();
  private String namespace;
  private RedisConnector redis;
  private StateStore store;
  private RabbitBus rabbit;
  private Engine engine;
  private HandlerRunner.Deployment handlers;

  @BeforeEach
  void startCluster() {
    namespace = RedisCleanup.uniquePrefix("pftimeout");
    redis = new RedisConnector(TestServers.redisSettings());
    store = RedisStateStore.connect(redis, namespace, Duration.ofMinutes(10));
    rabbit =
        RabbitBus.connect(
            AmqpSettings.parse(TestServers.amqpUrl()).withConnectionName("pftimeout"));
    NamespacedBus bus = new NamespacedBus(rabbit, namespace);
    engine =
        Engine.builder()
            .store(store)
            .bus(bus)
            .watchdogInterval(Duration.ofMillis(50))
            .build()
            .start();
    DefinitionLoader loader = new DefinitionLoader();
    engine.plans().add(CompiledDefinition.compile(loader.parse(DEFINITION, "hang.json")));
    engine.plans().add(CompiledDefinition.compile(loader.parse(BEATING, "beating.json")));
    engine.plans().add(CompiledDefinition.compile(loader.parse(CRASHING, "crashing.json")));
    handlers =
        new HandlerRunner(new BusJobSource(bus, Clock.systemUTC()))
            .deployAll(HandlerRegistry.of(List.of(hanging(), longRunning())), 4);
  }

  @AfterEach
  void stopCluster() {
    release.countDown();
    handlers.close();
    engine.close();
    rabbit.deleteNamespace(
        namespace,
        List.of(
            io.phaseflow.handlers.protocol.Queues.handler("Hang", 1),
            io.phaseflow.handlers.protocol.Queues.handler("Long", 1),
            io.phaseflow.handlers.protocol.Queues.handler("Crash", 1)));
    rabbit.close();
    store.close();
    RedisCleanup.deletePrefix(redis, namespace);
    redis.close();
  }

  @Test
  void aHangingJobIsTimedOutRetriedAndRoutedToTheErrorPhase() {
    long before = System.currentTimeMillis();
    String id = engine.startWorkflow("hang", JsonNodeFactory.instance.objectNode());
    WorkflowRecord wf = engine.await(id, Duration.ofSeconds(20));
    long took = System.currentTimeMillis() - before;

    assertThat(wf.phase()).isEqualTo("report");
    assertThat(hangs.get()).as("attempts run").isEqualTo(3);
    List<TransitionRecord> history = store.history(id);
    assertThat(history.get(history.size() - 2).error())
        .contains("timed out after 300ms (attempt 3 of 3)");
    assertThat(history.get(history.size() - 2).retried())
        .extracting(r -> r.error())
        .containsExactly(
            "timed out after 300ms (attempt 1 of 3)", "timed out after 300ms (attempt 2 of 3)");
    JobRecord job = store.job(id, 1, 0).orElseThrow();
    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    assertThat(job.attempt()).isEqualTo(3);
    // 3 timeouts of 300 ms and backoffs of 100 and 200 ms, each up to a watchdog pass late
    assertThat(took).isGreaterThanOrEqualTo(1_200).isLessThan(10_000);
  }

  @Test
  void aHeartbeatingJobOutlivesItsTimeout() {
    String id = engine.startWorkflow("beating", JsonNodeFactory.instance.objectNode());
    WorkflowRecord wf = engine.await(id, Duration.ofSeconds(20));

    assertThat(wf.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(wf.phase()).isEqualTo("done");
    assertThat(longRuns.get()).as("one attempt, never timed out").isEqualTo(1);
  }

  @Test
  void aHeartbeatJobWhoseProcessDiesIsRetriedByTheWatchdogAndTheWorkflowFinishes()
      throws InterruptedException {
    // The "process" that dies: its own connection, closed while its job runs.
    RabbitBus dying =
        RabbitBus.connect(AmqpSettings.parse(TestServers.amqpUrl()).withConnectionName("pfdying"));
    CountDownLatch started = new CountDownLatch(1);
    AtomicInteger attempts = new AtomicInteger();
    new HandlerRunner(new BusJobSource(new NamespacedBus(dying, namespace), Clock.systemUTC()))
        .deploy(crash(job -> blockUntilReleased(started, attempts)), 2);
    String id = engine.startWorkflow("crashing", JsonNodeFactory.instance.objectNode());
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(250); // its first heartbeats arrive: the deadline is now heartbeat_timeout's
    dying.close(); // its heartbeats stop, and the broker has nothing left to redeliver
    long died = System.currentTimeMillis();

    HandlerRunner.Deployment healthy =
        new HandlerRunner(new BusJobSource(new NamespacedBus(rabbit, namespace), Clock.systemUTC()))
            .deploy(
                crash(job -> JobResult.success(JsonNodeFactory.instance.numberNode(job.attempt()))),
                2);
    try {
      WorkflowRecord wf = engine.await(id, Duration.ofSeconds(20));

      assertThat(wf.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
      assertThat(System.currentTimeMillis() - died)
          .as("within heartbeat_timeout, not timeout")
          .isLessThan(5_000);
      assertThat(attempts).as("the dead process ran attempt 1 only").hasValue(1);
      assertThat(store.job(id, 1, 0).orElseThrow().attempt())
          .as("retried as attempt 2")
          .isEqualTo(2);
      assertThat(store.history(id))
          .flatMap(TransitionRecord::retried)
          .extracting(r -> r.error())
          .containsExactly("timed out: no heartbeat for 300ms (attempt 1 of 2)");
    } finally {
      healthy.close();
    }
  }

  private JobResult blockUntilReleased(CountDownLatch started, AtomicInteger attempts)
      throws InterruptedException {
    attempts.incrementAndGet();
    started.countDown();
    release.await();
    return JobResult.success(null);
  }

  private static Handler crash(Body body) {
    return new Handler() {
      @Override
      public String name() {
        return "Crash";
      }

      @Override
      public JobResult process(Job job) throws Exception {
        return body.process(job);
      }
    };
  }

  @FunctionalInterface
  private interface Body {
    JobResult process(Job job) throws Exception;
  }

  private Handler hanging() {
    return new Handler() {
      @Override
      public String name() {
        return "Hang";
      }

      @Override
      public JobResult process(Job job) throws InterruptedException {
        hangs.incrementAndGet();
        release.await();
        return JobResult.success(null);
      }
    };
  }

  /** Runs four times its timeout; the runner's automatic heartbeats keep it alive. */
  private Handler longRunning() {
    return new Handler() {
      @Override
      public String name() {
        return "Long";
      }

      @Override
      public JobResult process(Job job) throws InterruptedException {
        longRuns.incrementAndGet();
        Thread.sleep(1_200);
        return JobResult.success(JsonNodeFactory.instance.textNode("done"));
      }
    };
  }
}
