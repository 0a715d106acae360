package io.phaseflow.engine.core;

import io.phaseflow.engine.state.InMemoryStateStore;
import io.phaseflow.engine.state.StateStore;

/** The transition limit, embedded: state in memory. */
class TransitionLimitInMemoryTest extends TransitionLimitContract {
  @Override
  protected StateStore newStore() {
    return new InMemoryStateStore();
  }

  @Override
  protected void assertExpires(StateStore store, String id) {
    // Expiry after the retention is the steps contract's (WorkflowStepsContract); nothing to add.
  }
}
