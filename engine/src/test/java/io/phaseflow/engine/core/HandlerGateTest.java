package io.phaseflow.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.metrics.EngineMetrics;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.state.AttemptSteps.Attempt;
import io.phaseflow.engine.state.HandlerLimit;
import io.phaseflow.engine.state.InMemoryStateStore;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.JobStatus;
import io.phaseflow.engine.state.NewEntry;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link HandlerGate} in memory: leases up to the max, the rest deferred, a release lets one in.
 */
class HandlerGateTest {
  private final MutableClock clock = new MutableClock(1_000_000);
  private final InMemoryStateStore store = new InMemoryStateStore(clock, Duration.ofHours(1));
  private final List<String> deferred = new ArrayList<>();
  private final HandlerGate gate =
      new HandlerGate(
          store.limits(),
          store.attempts(),
          clock,
          new EngineMetrics() {
            @Override
            public void jobDeferred(String handler) {
              deferred.add(handler);
            }
          },
          () -> 0);

  private List<JobRecord> startThreeJobsOf(String handler) {
    List<JobSpec> specs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      specs.add(
          new JobSpec(i, "j" + i, handler, 1, 3, JsonNodeFactory.instance.nullNode(), List.of()));
    }
    store.start(
        WorkflowRecord.created("w", "wf", 1, JsonNodeFactory.instance.objectNode(), clock.millis()),
        new NewEntry(1, "a", specs, null));
    return specs.stream().map(s -> new JobRecord(s, JobStatus.READY, 1, null, null)).toList();
  }

  @Test
  void aLimitedHandlersThirdJobIsDeferredUntilALeaseIsReleased() {
    store.limits().set(new HandlerLimit("Crawler", 1, 2, 0));
    List<JobRecord> jobs = startThreeJobsOf("Crawler");
    long now = clock.millis();

    assertThat(gate.admit("w", 1, jobs.get(0), now + 30_000, now)).isTrue();
    assertThat(gate.admit("w", 1, jobs.get(1), now + 30_000, now)).isTrue();
    assertThat(gate.admit("w", 1, jobs.get(2), now + 30_000, now)).isFalse();
    assertThat(deferred).containsExactly("Crawler");
    Attempt third = new Attempt("w", 1, 2, 1);
    assertThat(store.attempts().due(now + HandlerGate.BUSY_RETRY_MS, 10))
        .as("due again after the busy retry, the same attempt")
        .containsExactly(third);

    gate.release("w", 1, 0, 1, "Crawler");
    assertThat(gate.admit("w", 1, jobs.get(2), now + 30_000, now + 100)).isTrue();
  }

  @Test
  void aHandlerWithoutALimitIsAdmittedWithoutALease() {
    store.limits().set(new HandlerLimit("Crawler", 2, 1, 0)); // another major version
    List<JobRecord> jobs = startThreeJobsOf("Crawler");
    long now = clock.millis();
    for (JobRecord j : jobs) {
      assertThat(gate.admit("w", 1, j, now + 30_000, now)).isTrue();
    }
    assertThat(store.limits().usage(now).get(0).leases()).isZero();
  }
}
