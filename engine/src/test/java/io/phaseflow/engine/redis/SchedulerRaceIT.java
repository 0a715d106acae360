package io.phaseflow.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.schedule.CronSchedule;
import io.phaseflow.engine.schedule.Firing;
import io.phaseflow.engine.schedule.Schedule;
import io.phaseflow.engine.schedule.ScheduleStore;
import io.phaseflow.engine.schedule.ScheduledStarts;
import io.phaseflow.engine.schedule.Scheduler;
import io.phaseflow.engine.state.InMemoryStateStore;
import io.phaseflow.engine.state.NewEntry;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.testing.MutableClock;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two schedulers, each with its own Redis connection as two engine processes have, race on the same
 * schedules of one namespace through 30 ticks: every tick starts exactly one workflow, and the
 * schedule's firings say so.
 */
class SchedulerRaceIT {
  private static final long T0 = Instant.parse("2026-11-27T00:00:00Z").toEpochMilli();
  private static final int TICKS = 30;

  private final String prefix = RedisCleanup.uniquePrefix("pfrace");
  private final MutableClock clock = new MutableClock(T0);
  private final Map<String, AtomicInteger> starts = new ConcurrentHashMap<>();
  // The workflows the starts made, as engines would store them: a tick whose workflow is missing
  // 30 s after its claim is started again.
  private final InMemoryStateStore workflows = new InMemoryStateStore();
  private RedisConnector client;
  private RedisScheduleStore one;
  private RedisScheduleStore two;

  @BeforeEach
  void connect() {
    client = new RedisConnector(TestServers.redisSettings());
    one = new RedisScheduleStore(client, prefix);
    two = new RedisScheduleStore(client, prefix);
  }

  @AfterEach
  void clean() {
    one.close();
    two.close();
    RedisCleanup.deletePrefix(client, prefix);
    client.close();
  }

  private Scheduler scheduler(ScheduleStore store) {
    ScheduledStarts counting =
        new ScheduledStarts() {
          @Override
          public String idFor(String key) {
            return "k-" + Integer.toHexString(key.hashCode());
          }

          @Override
          public void start(String definition, JsonNode input, String key) {
            starts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            workflows.start(
                WorkflowRecord.created(
                    idFor(key),
                    definition,
                    1,
                    JsonNodeFactory.instance.objectNode(),
                    clock.millis()),
                new NewEntry(1, "import", List.of(), null));
          }
        };
    return new Scheduler(store, workflows, counting, clock, Duration.ofSeconds(1));
  }

  @Test
  void eachTickStartsExactlyOneWorkflowBetweenTwoEngines() throws Exception {
    for (String name : List.of("every-minute", "every-two")) {
      one.add(
          new Schedule(
              name,
              "import",
              CronSchedule.parse(name.equals("every-minute") ? "* * * * *" : "*/2 * * * *", null),
              null,
              false,
              T0));
    }
    Scheduler a = scheduler(one);
    Scheduler b = scheduler(two);
    // Both pass after each minute: the clock moves only when both have passed.
    CyclicBarrier minute = new CyclicBarrier(2, () -> clock.advance(Duration.ofMinutes(1)));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> fired =
          List.of(pool.submit(() -> run(a, minute)), pool.submit(() -> run(b, minute)));
      int total = fired.get(0).get(60, TimeUnit.SECONDS) + fired.get(1).get(60, TimeUnit.SECONDS);
      assertThat(total).isEqualTo(TICKS + TICKS / 2);
    } finally {
      pool.shutdownNow();
    }
    assertThat(starts).hasSize(TICKS + TICKS / 2);
    assertThat(starts.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertThat(starts)
        .containsKey("schedule every-minute 2026-11-27T00:01:00Z")
        .containsKey("schedule every-two 2026-11-27T00:30:00Z");
    List<Firing> recent = one.get("every-minute").orElseThrow().state().recent();
    assertThat(recent).hasSize(ScheduleStore.RECENT);
    assertThat(recent).extracting(Firing::tick).doesNotHaveDuplicates();
    assertThat(two.get("every-two").orElseThrow().state().lastTick())
        .isEqualTo(T0 + TICKS * 60_000L);
  }

  /** Passes once per minute, for TICKS minutes; returns how many ticks this scheduler fired. */
  private static int run(Scheduler scheduler, CyclicBarrier minute) throws Exception {
    int fired = 0;
    for (int i = 0; i < TICKS; i++) {
      minute.await(10, TimeUnit.SECONDS);
      // several passes each minute, as engines polling every second make
      for (int pass = 0; pass < 3; pass++) {
        fired += scheduler.pass();
      }
    }
    return fired;
  }
}
