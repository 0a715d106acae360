package io.phaseflow.engine.core;

import static io.phaseflow.engine.testing.DefinitionBuilder.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.schedule.CronSchedule;
import io.phaseflow.engine.schedule.InMemoryScheduleStore;
import io.phaseflow.engine.schedule.Schedule;
import io.phaseflow.engine.state.InMemoryStateStore;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.testing.MutableClock;
import io.phaseflow.engine.transport.InMemoryBus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An engine given schedules starts their workflows, keyed by schedule and tick. */
class EngineSchedulesTest {
  private static final long T0 = Instant.parse("2026-11-27T00:00:00Z").toEpochMilli();

  @Test
  void aDueTickStartsOneWorkflowWhoseIdComesFromTheScheduleAndTick() throws InterruptedException {
    MutableClock clock = new MutableClock(T0);
    InMemoryScheduleStore schedules = new InMemoryScheduleStore();
    InMemoryStateStore store = new InMemoryStateStore(clock, Duration.ofDays(7));
    try (InMemoryBus bus = new InMemoryBus();
        Engine engine =
            Engine.builder()
                .store(store)
                .bus(bus)
                .clock(clock)
                .schedules(schedules)
                .scheduleInterval(Duration.ofHours(1)) // passes are called by the test
                .build()) {
      engine
          .plans()
          .add(
              CompiledDefinition.compile(
                  workflow("import").initial("a", "done", null, "H").end("done").build()));
      schedules.add(
          new Schedule(
              "nightly",
              "import",
              CronSchedule.parse("@daily", null),
              JsonNodeFactory.instance.objectNode().put("source", "s3://x"),
              false,
              T0));
      engine.start();
      clock.advance(Duration.ofHours(23));
      assertThat(engine.checkSchedules()).isZero();
      clock.advance(Duration.ofHours(1));
      assertThat(engine.checkSchedules()).isEqualTo(1);
      assertThat(engine.checkSchedules()).isZero();

      String id = WorkflowIds.forKey("schedule nightly 2026-11-28T00:00:00Z");
      assertThat(schedules.get("nightly").orElseThrow().state().lastWorkflow()).isEqualTo(id);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (store.workflow(id).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(5); // the engine's consumer stores the start
      }
      WorkflowRecord wf = store.workflow(id).orElseThrow();
      assertThat(wf.definition()).isEqualTo("import");
      assertThat(wf.data().get("source").asText()).isEqualTo("s3://x");
    }
  }
}
