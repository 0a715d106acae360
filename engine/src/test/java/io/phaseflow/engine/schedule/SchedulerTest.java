package io.phaseflow.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.ServerUnavailable;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.state.InMemoryStateStore;
import io.phaseflow.engine.state.NewEntry;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The scheduler's passes over an in-memory store, on a clock moved by hand: no sleeping. */
class SchedulerTest {
  private static final long T0 = 1_795_737_600_000L; // 2026-11-27T00:00:00Z

  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryScheduleStore store = new InMemoryScheduleStore();
  private final InMemoryStateStore workflows = new InMemoryStateStore(clock, Duration.ofDays(7));
  private final List<String> started = new ArrayList<>();
  private final AtomicBoolean brokerDown = new AtomicBoolean();

  private final ScheduledStarts starts =
      new ScheduledStarts() {
        @Override
        public String idFor(String key) {
          return "id(" + key + ")";
        }

        @Override
        public void start(String definition, JsonNode input, String key) {
          if (brokerDown.get()) {
            throw new ServerUnavailable("broker down");
          }
          started.add(definition + " " + input + " " + key);
        }
      };

  private Scheduler scheduler() {
    return new Scheduler(store, workflows, starts, clock, Duration.ofSeconds(1));
  }

  private void add(String name, String cron, boolean noOverlap) {
    store.add(
        new Schedule(
            name,
            "import",
            CronSchedule.parse(cron, null),
            JsonNodeFactory.instance.objectNode().put("n", 1),
            noOverlap,
            clock.millis()));
  }

  private void at(String time) {
    long target = java.time.Instant.parse("2026-11-27T" + time + "Z").toEpochMilli();
    clock.advance(Duration.ofMillis(target - clock.millis()));
  }

  @Test
  void firesEachTickOnceWithAKeyOfTheScheduleAndTheTick() {
    add("nightly", "*/5 * * * *", false);
    Scheduler a = scheduler();
    Scheduler b = scheduler();
    at("00:04:59");
    assertThat(a.pass()).isZero();
    at("00:05:00");
    assertThat(a.pass()).isEqualTo(1);
    assertThat(b.pass()).isZero(); // another engine finds the tick claimed
    at("00:07:00");
    assertThat(a.pass() + b.pass()).isZero();
    at("00:10:00");
    assertThat(b.pass() + a.pass()).isEqualTo(1);
    assertThat(started)
        .containsExactly(
            "import {\"n\":1} schedule nightly 2026-11-27T00:05:00Z",
            "import {\"n\":1} schedule nightly 2026-11-27T00:10:00Z");
    ScheduleState s = store.get("nightly").orElseThrow().state();
    assertThat(s.lastWorkflow()).isEqualTo("id(schedule nightly 2026-11-27T00:10:00Z)");
    assertThat(s.recent()).extracting(Firing::outcome).containsOnly(Firing.Outcome.FIRED);
  }

  @Test
  void afterADowntimeFiresOnlyTheLatestMissedTick() {
    add("nightly", "*/5 * * * *", false);
    at("00:05:00");
    scheduler().pass();
    at("02:31:00"); // 29 ticks missed
    assertThat(scheduler().pass()).isEqualTo(1);
    assertThat(scheduler().pass()).isZero();
    assertThat(started)
        .containsExactly(
            "import {\"n\":1} schedule nightly 2026-11-27T00:05:00Z",
            "import {\"n\":1} schedule nightly 2026-11-27T02:30:00Z");
  }

  @Test
  void withoutOverlapATickWhileThePreviousWorkflowRunsIsSkippedAndRecorded() {
    add("nightly", "*/5 * * * *", true);
    at("00:05:00");
    scheduler().pass();
    String first = "id(schedule nightly 2026-11-27T00:05:00Z)";
    workflows.start(
        WorkflowRecord.created(first, "import", 1, null, clock.millis()),
        new NewEntry(1, "work", List.of(new JobSpec(0, "h0", "H", 1, 3, null, List.of())), null));
    at("00:10:00");
    assertThat(scheduler().pass()).isZero();
    at("00:15:00");
    assertThat(scheduler().pass()).isZero();
    ScheduleState s = store.get("nightly").orElseThrow().state();
    assertThat(s.skipped()).isEqualTo(2);
    assertThat(s.lastWorkflow()).isEqualTo(first);
    assertThat(s.recent().get(0))
        .isEqualTo(
            Firing.skipped(
                java.time.Instant.parse("2026-11-27T00:15:00Z").toEpochMilli(),
                clock.millis(),
                "workflow " + first + " still running"));
    assertThat(started).hasSize(1);
  }

  @Test
  void aStartThatFailedIsPublishedAgainWhenItsWorkflowIsStillMissing() {
    add("nightly", "*/5 * * * *", false);
    at("00:05:00");
    brokerDown.set(true);
    assertThat(scheduler().pass()).isZero();
    brokerDown.set(false);
    assertThat(scheduler().pass()).as("claimed: not fired twice").isZero();
    at("00:05:29");
    assertThat(scheduler().pass()).as("its workflow may still be on its way").isZero();
    at("00:05:30");
    assertThat(scheduler().pass()).as("missing after 30 s: published again").isEqualTo(1);
    assertThat(started).containsExactly("import {\"n\":1} schedule nightly 2026-11-27T00:05:00Z");
    at("00:10:00");
    assertThat(scheduler().pass()).isEqualTo(1);
  }

  @Test
  void aRemovedScheduleNoLongerFires() {
    add("nightly", "*/5 * * * *", false);
    store.remove("nightly");
    at("00:05:00");
    assertThat(scheduler().pass()).isZero();
    assertThat(started).isEmpty();
  }
}
