package io.phaseflow.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.definition.JobPolicy;
import io.phaseflow.engine.metrics.EngineMetrics;
import io.phaseflow.engine.plan.EntryPlanner;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.state.AttemptSteps;
import io.phaseflow.engine.state.ControlAction;
import io.phaseflow.engine.state.InMemoryStateStore;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.NewEntry;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.TransitionReason;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.MutableClock;
import io.phaseflow.engine.transport.InMemoryBus;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.protocol.JobFinished;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Messages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The watchdog's acts on one store, time moved by hand; metrics counted once per act. */
class DeadlineWatchdogTest {
  private static final JobPolicy POLICY = new JobPolicy(30_000, 0, 1_000, 60_000, 2, 0);

  private final MutableClock clock = new MutableClock(1_000_000);
  private final StateStore store = new InMemoryStateStore(clock, StateStore.DEFAULT_RETENTION);
  private final InMemoryBus bus = new InMemoryBus();
  private final Map<String, AtomicInteger> counted = new ConcurrentHashMap<>();
  private final EngineMetrics metrics =
      new EngineMetrics() {
        @Override
        public void jobTimedOut(String handler) {
          count("timeout " + handler);
        }

        @Override
        public void jobRetried(String handler, long delayMillis) {
          count("retry " + handler + " after " + delayMillis);
        }

        @Override
        public void staleResult(String handler) {
          count("stale " + handler);
        }
      };
  private final JobDispatcher dispatcher = new JobDispatcher(store, store.attempts(), bus, clock);
  private final PhaseEntering entering =
      new PhaseEntering(
          store,
          bus,
          new EntryPlanner(HandlerRegistry.of(List.of())),
          dispatcher,
          WorkflowListener.NONE,
          metrics,
          new EarlierOutputs(store, Engine.DEFAULT_MAX_BYTES));
  private final JobFinishedMonitor monitor =
      new JobFinishedMonitor(store, bus, dispatcher, clock, 1000, metrics, () -> 0.5);

  @AfterEach
  void close() {
    bus.close();
  }

  private void count(String what) {
    counted.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
  }

  private DeadlineWatchdog watchdog() {
    return new DeadlineWatchdog(
        store, monitor, entering, clock, metrics, () -> 0.5, 100, Duration.ofHours(1));
  }

  private void startDispatched(String id) {
    JobSpec spec =
        new JobSpec(
            0, "Hang", "Hang", 1, 3, JsonNodeFactory.instance.nullNode(), List.of(), POLICY);
    store.start(
        WorkflowRecord.created(id, "wf", 1, JsonNodeFactory.instance.objectNode(), clock.millis()),
        new NewEntry(1, "a", List.of(spec), null));
    dispatcher.dispatch(store.workflow(id).orElseThrow(), 1, "a", store.jobs(id, 1));
  }

  @Test
  void watchdogsRacingOnOneExpiryTimeItOutOnceAndALateResultIsCountedStale() throws Exception {
    startDispatched("w1");
    clock.advance(Duration.ofSeconds(30));

    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    for (int i = 0; i < 4; i++) {
      DeadlineWatchdog w = watchdog();
      pool.submit(
          () -> {
            go.await();
            w.check();
            return null;
          });
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    JobRecord job = store.job("w1", 1, 0).orElseThrow();
    assertThat(job.attempt()).isEqualTo(2);
    assertThat(job.retried()).hasSize(1);
    assertThat(counted).containsOnlyKeys("timeout Hang", "retry Hang after 1000");
    assertThat(counted.get("timeout Hang").get()).isEqualTo(1);

    monitor.onMessage(
        Messages.encode(new JobFinished("w1", 1, 0, 1, "Hang", true, null, null, false, 1, 2)));
    assertThat(counted.get("stale Hang").get()).as("the late result of attempt 1").isEqualTo(1);
    assertThat(store.job("w1", 1, 0).orElseThrow().status()).isEqualTo(job.status());
  }

  @Test
  void anAttemptOfAWorkflowThatEndedIsForgottenNotRetried() {
    startDispatched("w2");
    store.advance(
        "w2",
        1,
        new TransitionRecord(
            "a",
            null,
            TransitionReason.FAILED,
            "stopped",
            clock.millis(),
            clock.millis(),
            io.phaseflow.engine.state.JobCounts.NONE,
            Map.of()),
        null,
        false,
        WorkflowStatus.FAILED);
    clock.advance(Duration.ofMinutes(5));

    watchdog().check();

    assertThat(store.job("w2", 1, 0).orElseThrow().attempt()).isEqualTo(1);
    assertThat(store.attempts().expired(Long.MAX_VALUE, 100)).isEmpty();
    assertThat(counted).isEmpty();
  }

  @Test
  void aDueRetryIsDispatchedOnceWithItsAttemptAndDeadline() {
    startDispatched("w3");
    clock.advance(Duration.ofSeconds(30));
    watchdog().check(); // times out attempt 1: due in 1 s
    clock.advance(Duration.ofSeconds(1));
    watchdog().check();
    watchdog().check();

    assertThat(store.attempts().expired(clock.millis() + 30_000, 100))
        .containsExactly(new AttemptSteps.Attempt("w3", 1, 0, 2));
    assertThat(counted.get("timeout Hang").get()).isEqualTo(1);
    assertThat(bus.depth(io.phaseflow.handlers.protocol.Queues.handler("Hang", 1)))
        .as("attempt 1, then attempt 2 once")
        .hasValue(2);
  }

  @Test
  void aResumeWhoseProcessDiedBeforePublishingIsPublishedByAWatchdogOnceOwed() {
    JobSpec first =
        new JobSpec(0, "A", "Hang", 1, 3, JsonNodeFactory.instance.nullNode(), List.of(), POLICY);
    JobSpec second =
        new JobSpec(1, "B", "Hang", 1, 3, JsonNodeFactory.instance.nullNode(), List.of(0), POLICY);
    store.start(
        WorkflowRecord.created(
            "w4", "wf", 1, JsonNodeFactory.instance.objectNode(), clock.millis()),
        new NewEntry(1, "run", List.of(first, second), null));
    dispatcher.dispatch(
        store.workflow("w4").orElseThrow(), 1, "run", List.of(store.jobs("w4", 1).get(0)));
    MessageBus dead =
        new MessageBus() {
          @Override
          public void publish(String queue, byte[] body) {
            throw new IllegalStateException("the process died before it published");
          }

          @Override
          public Subscription consume(String queue, int concurrency, Consumer consumer) {
            throw new UnsupportedOperationException();
          }

          @Override
          public void close() {}
        };
    WorkflowControl dying =
        new WorkflowControl(
            store,
            dead,
            new PlanCatalog(),
            entering,
            new JobDispatcher(store, store.attempts(), dead, clock),
            clock,
            metrics,
            WorkflowListener.NONE);
    dying.apply("w4", ControlAction.PAUSE, "alice", null);
    monitor.onMessage(
        Messages.encode(new JobFinished("w4", 1, 0, 1, "Hang", true, null, null, false, 1, 2)));
    assertThatThrownBy(() -> dying.apply("w4", ControlAction.RESUME, "alice", null))
        .hasMessageContaining("died");
    String queue = io.phaseflow.handlers.protocol.Queues.handler("Hang", 1);
    assertThat(bus.depth(queue)).as("only A was published; B was held by the pause").hasValue(1);

    clock.advance(WorkflowControl.OWED_FOR.minusMillis(1));
    watchdog().check();
    assertThat(bus.depth(queue))
        .as("not owed yet: the resuming process may still publish")
        .hasValue(1);
    clock.advance(Duration.ofMillis(1));
    watchdog().check();
    watchdog().check();
    assertThat(bus.depth(queue)).as("B, published once by a watchdog").hasValue(2);
  }
}
