package io.phaseflow.engine.state;

import io.phaseflow.engine.testing.MutableClock;
import java.time.Duration;

class InMemoryWorkflowReadsTest extends WorkflowReadsContract {
  private final MutableClock clock = new MutableClock(1_000_000);

  @Override
  protected StateStore newStore() {
    return new InMemoryStateStore(clock, RETENTION);
  }

  @Override
  protected void elapse(Duration d) {
    clock.advance(d);
  }
}
