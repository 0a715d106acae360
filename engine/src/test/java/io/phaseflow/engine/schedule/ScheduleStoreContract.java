package io.phaseflow.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every schedule store must do: the in-memory and the Redis store both run these tests. */
public abstract class ScheduleStoreContract {
  protected static final long CREATED = 1_795_737_600_000L; // 2026-11-27T00:00:00Z

  protected ScheduleStore store;

  protected abstract ScheduleStore newStore();

  @BeforeEach
  void open() {
    store = newStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  protected static Schedule schedule(String name) {
    return new Schedule(
        name,
        "import",
        CronSchedule.parse("*/5 * * * *", "Europe/Berlin"),
        JsonNodeFactory.instance.objectNode().put("source", "s3://bucket/x"),
        true,
        CREATED);
  }

  private static long tick(int n) {
    return CREATED + n * 300_000L;
  }

  @Test
  void anAddedScheduleReadsBackAsAdded() {
    assertThat(store.add(schedule("nightly"))).isTrue();
    StoredSchedule s = store.get("nightly").orElseThrow();
    assertThat(s.schedule().definition()).isEqualTo("import");
    assertThat(s.schedule().cron().expression()).isEqualTo("*/5 * * * *");
    assertThat(s.schedule().cron().zone().getId()).isEqualTo("Europe/Berlin");
    assertThat(s.schedule().input().toString()).isEqualTo("{\"source\":\"s3://bucket/x\"}");
    assertThat(s.schedule().noOverlap()).isTrue();
    assertThat(s.schedule().createdAt()).isEqualTo(CREATED);
    assertThat(s.state()).isEqualTo(ScheduleState.NONE);
  }

  @Test
  void aNameIsAddedOnce() {
    assertThat(store.add(schedule("a"))).isTrue();
    assertThat(store.claim("a", Firing.fired(tick(1), tick(1), "k-1")))
        .isEqualTo(ScheduleStore.Claim.WON);
    assertThat(store.add(schedule("a"))).isFalse();
    assertThat(store.get("a").orElseThrow().state().lastTick()).isEqualTo(tick(1));
  }

  @Test
  void listsEverySchedulesByName() {
    store.add(schedule("b"));
    store.add(schedule("a"));
    store.add(schedule("c"));
    assertThat(store.list()).extracting(s -> s.schedule().name()).containsExactly("a", "b", "c");
  }

  @Test
  void removingForgetsTheScheduleAndItsFirings() {
    store.add(schedule("a"));
    store.claim("a", Firing.fired(tick(1), tick(1), "k-1"));
    assertThat(store.remove("a")).isTrue();
    assertThat(store.remove("a")).isFalse();
    assertThat(store.get("a")).isEmpty();
    assertThat(store.list()).isEmpty();
    assertThat(store.claim("a", Firing.fired(tick(2), tick(2), "k-2")))
        .isEqualTo(ScheduleStore.Claim.GONE);
    store.add(schedule("a")); // a new schedule of the old name starts afresh
    assertThat(store.get("a").orElseThrow().state()).isEqualTo(ScheduleState.NONE);
  }

  @Test
  void aTickIsClaimedOnceAndNeverBeforeTheLastOne() {
    store.add(schedule("a"));
    assertThat(store.claim("a", Firing.fired(tick(2), tick(2), "k-2")))
        .isEqualTo(ScheduleStore.Claim.WON);
    assertThat(store.claim("a", Firing.fired(tick(2), tick(2) + 5, "k-2")))
        .isEqualTo(ScheduleStore.Claim.TAKEN);
    assertThat(store.claim("a", Firing.skipped(tick(1), tick(2), "late")))
        .isEqualTo(ScheduleStore.Claim.TAKEN);
    ScheduleState s = store.get("a").orElseThrow().state();
    assertThat(s.lastTick()).isEqualTo(tick(2));
    assertThat(s.recent()).containsExactly(Firing.fired(tick(2), tick(2), "k-2"));
  }

  @Test
  void aSkipCountsAndKeepsTheLastWorkflow() {
    store.add(schedule("a"));
    store.claim("a", Firing.fired(tick(1), tick(1), "k-1"));
    store.claim("a", Firing.skipped(tick(2), tick(2) + 7, "workflow k-1 still running"));
    store.claim("a", Firing.skipped(tick(3), tick(3), "workflow k-1 still running"));
    ScheduleState s = store.get("a").orElseThrow().state();
    assertThat(s.lastTick()).isEqualTo(tick(3));
    assertThat(s.lastWorkflow()).isEqualTo("k-1");
    assertThat(s.skipped()).isEqualTo(2);
    assertThat(s.recent())
        .containsExactly(
            Firing.skipped(tick(3), tick(3), "workflow k-1 still running"),
            Firing.skipped(tick(2), tick(2) + 7, "workflow k-1 still running"),
            Firing.fired(tick(1), tick(1), "k-1"));
    assertThat(s.lastFired()).contains(Firing.fired(tick(1), tick(1), "k-1"));
  }

  @Test
  void keepsOnlyTheMostRecentFirings() {
    store.add(schedule("a"));
    for (int i = 1; i <= ScheduleStore.RECENT + 5; i++) {
      store.claim("a", Firing.fired(tick(i), tick(i), "k-" + i));
    }
    List<Firing> recent = store.get("a").orElseThrow().state().recent();
    assertThat(recent).hasSize(ScheduleStore.RECENT);
    assertThat(recent.get(0).workflow()).isEqualTo("k-" + (ScheduleStore.RECENT + 5));
    assertThat(recent.get(recent.size() - 1).workflow()).isEqualTo("k-6");
  }

  @Test
  void ofManyConcurrentClaimersOfOneTickExactlyOneWins() throws Exception {
    store.add(schedule("a"));
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 1; round <= 5; round++) {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ScheduleStore.Claim>> claims = new ArrayList<>();
        long tick = tick(round);
        for (int t = 0; t < threads; t++) {
          String who = "k-" + round + "-" + t;
          claims.add(
              pool.submit(
                  () -> {
                    go.await();
                    return store.claim("a", Firing.fired(tick, tick, who));
                  }));
        }
        go.countDown();
        List<ScheduleStore.Claim> answers = new ArrayList<>();
        for (Future<ScheduleStore.Claim> f : claims) {
          answers.add(f.get(10, TimeUnit.SECONDS));
        }
        assertThat(answers).filteredOn(c -> c == ScheduleStore.Claim.WON).hasSize(1);
        assertThat(answers).filteredOn(c -> c == ScheduleStore.Claim.TAKEN).hasSize(threads - 1);
      }
      assertThat(store.get("a").orElseThrow().state().recent()).hasSize(5);
    } finally {
      pool.shutdownNow();
    }
  }
}
