package io.phaseflow.bench;

import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Counts the workflows that finished (and those that failed) and hands out in-flight slots, so a
 * closed-loop run keeps at most N workflows in flight: queues stay short and the latency measured
 * is the engine's, not the length of a backlog. Thread-safe.
 */
final class Finishes implements WorkflowListener {
  private final Semaphore slots;
  private long finished;
  private long failed;

  Finishes(int inFlight) {
    this.slots = new Semaphore(inFlight);
  }

  @Override
  public void finished(WorkflowRecord workflow) {
    synchronized (this) {
      finished++;
      if (workflow.status() != WorkflowStatus.SUCCEEDED) {
        failed++;
      }
      notifyAll();
    }
    slots.release();
  }

  /** Waits for a free slot (closed loop). */
  void acquireSlot() throws InterruptedException {
    slots.acquire();
  }

  synchronized long finished() {
    return finished;
  }

  synchronized long failed() {
    return failed;
  }

  /**
   * Waits until {@code count} workflows in all have finished.
   *
   * @throws IllegalStateException when they have not after {@code minutes}
   */
  synchronized void awaitFinished(long count, int minutes) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
    while (finished < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException(
            (count - finished) + " workflows still running after " + minutes + " min");
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }
}
