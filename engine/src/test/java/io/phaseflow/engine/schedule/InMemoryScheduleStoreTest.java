package io.phaseflow.engine.schedule;

/** The schedule store contract on the in-memory store. */
class InMemoryScheduleStoreTest extends ScheduleStoreContract {
  @Override
  protected ScheduleStore newStore() {
    return new InMemoryScheduleStore();
  }
}
