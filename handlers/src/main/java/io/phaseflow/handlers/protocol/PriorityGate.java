package io.phaseflow.handlers.protocol;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The instances of one deployment, handed to the deliveries waiting for one highest priority first:
 * a delivery of a priority waits while an instance is busy for every one free, or while a delivery
 * of a higher priority waits too. A high job delivered after low ones therefore runs at the next
 * free instance; among one priority the order is not fixed. Lower priorities wait as long as higher
 * ones keep coming (strict priority). Thread-safe.
 */
final class PriorityGate {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final int[] waiting = new int[Priority.values().length];
  private int free;

  PriorityGate(int instances) {
    this.free = instances;
  }

  /** Waits for a free instance that no higher-priority delivery is waiting for, and takes it. */
  void acquire(Priority priority) throws InterruptedException {
    lock.lock();
    try {
      waiting[priority.ordinal()]++;
      try {
        while (free == 0 || higherWaiting(priority)) {
          changed.await();
        }
        free--;
      } finally {
        waiting[priority.ordinal()]--;
        changed.signalAll(); // one fewer waiting: a lower priority may go now
      }
    } finally {
      lock.unlock();
    }
  }

  /** Frees an instance taken by {@link #acquire}. */
  void release() {
    lock.lock();
    try {
      free++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private boolean higherWaiting(Priority priority) {
    for (int i = 0; i < priority.ordinal(); i++) {
      if (waiting[i] > 0) {
        return true;
      }
    }
    return false;
  }
}
