package io.phaseflow.engine.core;

import io.phaseflow.engine.state.Completion;
import io.phaseflow.engine.state.WorkflowSteps;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit of completions: threads that finish jobs at the same moment have their completions
 * recorded in one {@link WorkflowSteps#completeAll} (one Redis round trip) instead of one each.
 * Each caller queues its own, then waits for the lock: a leader takes what is queued, up to {@link
 * #MAX}, and records it for everyone. Nobody waits for a batch to fill: a lone completion is
 * recorded at once, and under load the batches grow by themselves. A batch that fails fails each of
 * its callers, whose jobs are then redelivered and recorded again (a duplicate changes nothing).
 * Thread-safe.
 */
final class CompletionBatches {
  /** The most completions recorded in one call. */
  static final int MAX = 64;

  private final WorkflowSteps store;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock leading = new ReentrantLock();

  CompletionBatches(WorkflowSteps store) {
    this.store = store;
  }

  private record Pending(WorkflowSteps.Finished finished, CompletableFuture<Completion> done) {}

  /**
   * Records {@code f}, with whatever others are recording now; its outcome as complete's. Callers
   * take the lock in turn: one that finds its completion recorded by a leader before it lets go at
   * once, one that does not leads the next batch, which holds its own. No caller polls.
   */
  Completion complete(WorkflowSteps.Finished f) {
    Pending mine = new Pending(f, new CompletableFuture<>());
    queue.add(mine);
    while (!mine.done().isDone()) {
      leading.lock();
      try {
        if (!mine.done().isDone()) {
          lead();
        }
      } finally {
        leading.unlock();
      }
    }
    try {
      return mine.done().join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Records up to MAX queued completions for their callers. */
  private void lead() {
    List<Pending> batch = new ArrayList<>();
    for (Pending p; batch.size() < MAX && (p = queue.poll()) != null; ) {
      batch.add(p);
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      List<Completion> done = store.completeAll(batch.stream().map(Pending::finished).toList());
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).done().complete(done.get(i));
      }
    } catch (RuntimeException e) {
      batch.forEach(p -> p.done().completeExceptionally(e));
    }
  }
}
