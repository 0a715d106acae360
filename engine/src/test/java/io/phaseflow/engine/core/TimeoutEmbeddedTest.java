package io.phaseflow.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.definition.DefinitionLoader;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.state.InMemoryStateStore;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.RetriedAttempt;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.testing.MutableClock;
import io.phaseflow.engine.transport.InMemoryBus;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.HandlerRunner;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import io.phaseflow.handlers.protocol.BusJobSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hanging handler on the embedded engine, time moved by hand and the watchdog run by hand: each
 * attempt times out, the next waits its backoff, and the last one's failure takes the error edge.
 */
class TimeoutEmbeddedTest {
  private static final String DEFINITION =
      """
      {"workflow": "hang", "phases": {
        "work": {"is_initial": true, "transitions_to": "done", "on_error_transition_to": "report",
                 "handlers": [{"name": "Hang", "timeout": "30s", "max_attempts": 3,
                               "backoff": {"initial": "1s", "multiplier": 2, "jitter": 0}}]},
        "report": {"is_final": true, "handlers": ["Report"]},
        "done": {"is_final": true}}}
      """;

  private final MutableClock clock = new MutableClock(1_000_000);
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger reports = new AtomicInteger();
  private InMemoryBus bus;
  private StateStore store;
  private Engine engine;
  private HandlerRunner.Deployment handlers;

  @BeforeEach
  void startEngine() {
    bus = new InMemoryBus();
    store = new InMemoryStateStore(clock, StateStore.DEFAULT_RETENTION);
    engine =
        Engine.builder()
            .store(store)
            .bus(bus)
            .clock(clock)
            .watchdogInterval(Duration.ofHours(1)) // the test runs each pass itself
            .build()
            .start();
    engine
        .plans()
        .add(CompiledDefinition.compile(new DefinitionLoader().parse(DEFINITION, "hang.json")));
    HandlerRegistry registry = HandlerRegistry.of(List.of(hanging(), reporting()));
    handlers = new HandlerRunner(new BusJobSource(bus, clock)).deployAll(registry, 4);
  }

  @AfterEach
  void stop() {
    release.countDown();
    handlers.close();
    engine.close();
    bus.close();
    store.close();
  }

  @Test
  void aHangingJobIsTimedOutRetriedWithBackoffAndRoutedToTheErrorPhase() {
    String id = engine.startWorkflow("hang", JsonNodeFactory.instance.objectNode());
    await(() -> started.get() == 1, "attempt 1 started");

    clock.advance(Duration.ofSeconds(29));
    engine.checkDeadlines();
    assertThat(job(id).attempt()).as("before its deadline").isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    engine.checkDeadlines();
    assertThat(job(id).attempt()).as("timed out: attempt 2 is current").isEqualTo(2);
    engine.checkDeadlines();
    assertThat(started.get()).as("attempt 2 waits its backoff of 1s").isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    engine.checkDeadlines();
    await(() -> started.get() == 2, "attempt 2 started after 1s");

    clock.advance(Duration.ofSeconds(30));
    engine.checkDeadlines();
    clock.advance(Duration.ofMillis(1999));
    engine.checkDeadlines();
    assertThat(started.get()).as("attempt 3 waits its backoff of 2s").isEqualTo(2);
    clock.advance(Duration.ofMillis(1));
    engine.checkDeadlines();
    await(() -> started.get() == 3, "attempt 3 started after 2s");

    clock.advance(Duration.ofSeconds(30));
    engine.checkDeadlines();
    WorkflowRecord wf = engine.await(id, Duration.ofSeconds(10));

    assertThat(wf.phase()).isEqualTo("report");
    assertThat(reports.get()).isEqualTo(1);
    List<TransitionRecord> history = store.history(id);
    TransitionRecord failed = history.get(history.size() - 2);
    assertThat(failed.from()).isEqualTo("work");
    assertThat(failed.to()).isEqualTo("report");
    assertThat(failed.error()).contains("timed out after 30s (attempt 3 of 3)");
    assertThat(failed.retried())
        .as("each retried attempt, its error and its backoff")
        .extracting(RetriedAttempt::attempt, RetriedAttempt::error, RetriedAttempt::delayMillis)
        .containsExactly(
            tuple(1, "timed out after 30s (attempt 1 of 3)", 1_000L),
            tuple(2, "timed out after 30s (attempt 2 of 3)", 2_000L));
    assertThat(failed.retried().get(0).ended() - failed.retried().get(0).started())
        .isEqualTo(30_000);
    assertThat(store.attempts().expired(Long.MAX_VALUE, 100)).as("no deadline left").isEmpty();
    assertThat(store.attempts().due(Long.MAX_VALUE, 100)).as("no retry left").isEmpty();
  }

  private JobRecord job(String id) {
    return store.job(id, 1, 0).orElseThrow();
  }

  private Handler hanging() {
    return new Handler() {
      @Override
      public String name() {
        return "Hang";
      }

      @Override
      public JobResult process(Job job) throws InterruptedException {
        started.incrementAndGet();
        release.await();
        return JobResult.success(null);
      }
    };
  }

  private Handler reporting() {
    return new Handler() {
      @Override
      public String name() {
        return "Report";
      }

      @Override
      public JobResult process(Job job) {
        reports.incrementAndGet();
        return JobResult.success(null);
      }
    };
  }

  /** Waits for the in-process queues to deliver; the clock does not move meanwhile. */
  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached in 10 s: " + what);
      }
      Thread.onSpinWait();
    }
  }
}
