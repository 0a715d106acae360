package io.phaseflow.engine.core;

import static io.phaseflow.engine.testing.DefinitionBuilder.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.redis.RedisConnector;
import io.phaseflow.engine.redis.RedisScheduleStore;
import io.phaseflow.engine.redis.RedisStateStore;
import io.phaseflow.engine.schedule.CronSchedule;
import io.phaseflow.engine.schedule.Schedule;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.testing.MutableClock;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.InMemoryBus;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Queues;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two engines, each with its own Redis connections as two processes have, share one namespace's
 * schedules and state on the real Redis and race on every tick for ten minutes: each tick publishes
 * exactly one workflow start, and each tick's workflow is stored once, under the id of its key.
 */
class EnginesScheduleRaceIT {
  private static final long T0 = Instant.parse("2026-11-27T00:00:00Z").toEpochMilli();
  private static final int MINUTES = 10;

  @Test
  void eachTickPublishesOneStartAndStoresOneWorkflow() throws Exception {
    String prefix = RedisCleanup.uniquePrefix("pfengrace");
    MutableClock clock = new MutableClock(T0);
    AtomicInteger starts = new AtomicInteger();
    List<AutoCloseable> open = new ArrayList<>();
    try (RedisConnector redis = new RedisConnector(TestServers.redisSettings());
        InMemoryBus shared = new InMemoryBus()) {
      MessageBus bus = new CountingStarts(shared, starts);
      List<Engine> engines = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        StateStore store = RedisStateStore.connect(redis, prefix, Duration.ofMinutes(10));
        RedisScheduleStore schedules = new RedisScheduleStore(redis, prefix);
        Engine engine =
            Engine.builder()
                .store(store)
                .bus(bus)
                .clock(clock)
                .schedules(schedules)
                .scheduleInterval(Duration.ofHours(1)) // the test makes the passes
                .build();
        engine
            .plans()
            .add(
                CompiledDefinition.compile(
                    workflow("import").initial("a", "done", null, "H").end("done").build()));
        open.addAll(List.of(engine, schedules, store));
        engines.add(engine.start());
      }
      RedisScheduleStore admin = new RedisScheduleStore(redis, prefix); // as schedule add does
      open.add(admin);
      admin.add(
          new Schedule(
              "minutely", "import", CronSchedule.parse("* * * * *", null), null, false, T0));

      StateStore reads = RedisStateStore.connect(redis, prefix, Duration.ofMinutes(10));
      open.add(reads);
      // The clock moves a minute only once the tick just fired is stored, as it would be long
      // before
      // a real minute passed: a tick whose workflow is missing 30 s later is published again.
      CyclicBarrier minute =
          new CyclicBarrier(
              2,
              () -> {
                if (clock.millis() > T0) {
                  awaitStored(reads, clock.millis());
                }
                clock.advance(Duration.ofMinutes(1));
              });
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<Integer>> fired = new ArrayList<>();
        for (Engine engine : engines) {
          fired.add(
              pool.submit(
                  () -> {
                    int n = 0;
                    for (int m = 0; m < MINUTES; m++) {
                      minute.await(30, TimeUnit.SECONDS);
                      n += engine.checkSchedules() + engine.checkSchedules();
                    }
                    return n;
                  }));
        }
        assertThat(fired.get(0).get(60, TimeUnit.SECONDS) + fired.get(1).get(60, TimeUnit.SECONDS))
            .isEqualTo(MINUTES);
      } finally {
        pool.shutdownNow();
      }
      assertThat(starts.get()).isEqualTo(MINUTES);
      for (int m = 1; m <= MINUTES; m++) {
        assertThat(awaitStored(reads, T0 + m * 60_000L))
            .as("the workflow of minute %d", m)
            .isTrue();
      }
    } finally {
      for (AutoCloseable c : open) {
        c.close();
      }
      try (RedisConnector redis = new RedisConnector(TestServers.redisSettings())) {
        RedisCleanup.deletePrefix(redis, prefix);
      }
    }
  }

  /** Waits up to 10 s until the workflow of the tick at {@code tick} is stored; whether it is. */
  private static boolean awaitStored(StateStore reads, long tick) {
    String id = WorkflowIds.forKey("schedule minutely " + Instant.ofEpochMilli(tick));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (reads.workflow(id).isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return reads.workflow(id).isPresent();
  }

  /** Counts the workflow starts published, for the whole cluster of engines. */
  private record CountingStarts(MessageBus bus, AtomicInteger starts) implements MessageBus {
    @Override
    public void publish(String queue, byte[] body) {
      if (queue.equals(Queues.WORKFLOW_START)) {
        starts.incrementAndGet();
      }
      bus.publish(queue, body);
    }

    @Override
    public OptionalLong depth(String queue) {
      return bus.depth(queue);
    }

    @Override
    public Subscription consume(String queue, int concurrency, Consumer consumer) {
      return bus.consume(queue, concurrency, consumer);
    }

    @Override
    public void close() {}
  }
}
