package io.phaseflow.engine.state;

import java.util.List;

/**
 * {@link AttemptSteps} in memory: deadlines and due attempts in two {@link TimedSet}s, each
 * compare-and-set on the attempt taken under its workflow's lock, as the Redis scripts do.
 * Thread-safe.
 */
final class InMemoryAttempts implements AttemptSteps {
  private final InMemoryStateStore store;
  final TimedSet deadlines = new TimedSet();
  private final TimedSet due = new TimedSet();

  InMemoryAttempts(InMemoryStateStore store) {
    this.store = store;
  }

  @Override
  public void arm(String workflowId, int entry, List<Deadline> list) {
    for (Deadline d : list) {
      Attempt a = new Attempt(workflowId, entry, d.job(), d.attempt());
      store.ifCurrent(a, paused -> deadlines.put(a.member(), d.at()));
    }
  }

  @Override
  public boolean heartbeat(Attempt attempt, long deadline) {
    return deadlines.move(attempt.member(), deadline);
  }

  @Override
  public List<Attempt> expired(long now, int limit) {
    return AttemptSteps.parseAll(deadlines.dueAt(now, limit));
  }

  @Override
  public WorkflowSteps.Retried retry(Attempt failed, RetriedAttempt what, long dueAt) {
    deadlines.remove(failed.member());
    boolean moved =
        store.ifCurrent(
            failed,
            paused -> {
              store.retryKeeping(failed, what);
              due.put(failed.next().member(), dueAt);
            });
    return moved ? WorkflowSteps.Retried.RETRIED : WorkflowSteps.Retried.NOT_CURRENT;
  }

  @Override
  public boolean defer(Attempt attempt, long dueAt) {
    return store.ifCurrent(
        attempt,
        paused -> {
          deadlines.remove(attempt.member());
          due.put(attempt.member(), dueAt);
        });
  }

  @Override
  public List<Attempt> due(long now, int limit) {
    return AttemptSteps.parseAll(due.dueAt(now, limit));
  }

  @Override
  public boolean release(Attempt attempt, long now, long deadline) {
    boolean[] released = {false};
    store.ifCurrent(
        attempt,
        paused -> {
          if (!due.removeIfDue(attempt.member(), now)) {
            return;
          }
          if (paused.isPresent()) { // held like a job a completion made ready: resume releases it
            paused.get().holdJob(attempt.job());
          } else {
            deadlines.put(attempt.member(), deadline);
            released[0] = true;
          }
        });
    if (!released[0]) {
      due.removeIfDue(attempt.member(), now); // an attempt no longer current waits for nothing
    }
    return released[0];
  }

  @Override
  public void owe(Attempt owed, long dueAt) {
    due.put(owed.member(), dueAt);
  }

  @Override
  public boolean settle(Attempt owed) {
    return due.remove(owed.member());
  }

  @Override
  public void disarm(Attempt attempt) {
    deadlines.remove(attempt.member());
    due.remove(attempt.member());
  }
}
