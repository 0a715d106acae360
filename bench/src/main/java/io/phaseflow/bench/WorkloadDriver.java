package io.phaseflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts workflows of one definition on an engine, keeping at most M in flight, and waits for them
 * to end; the engine's listener. Thread-safe.
 */
final class WorkloadDriver implements WorkflowListener {
  private final Semaphore slots;
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger toFinish = new AtomicInteger();
  private volatile CountDownLatch done = new CountDownLatch(0);
  private volatile String definition;

  WorkloadDriver(int inFlight) {
    this.slots = new Semaphore(inFlight);
  }

  @Override
  public void finished(WorkflowRecord workflow) {
    if (!workflow.definition().equals(definition) || toFinish.getAndDecrement() <= 0) {
      return; // not one this driver waits for
    }
    if (workflow.status() != WorkflowStatus.SUCCEEDED) {
      failed.incrementAndGet();
    }
    slots.release();
    done.countDown();
  }

  /** How many workflows of the last {@link #run} did not succeed. */
  int failed() {
    return failed.get();
  }

  /**
   * Runs {@code workflows} workflows of {@code definition} to their end.
   *
   * @return the seconds it took
   */
  double run(Engine engine, String definition, JsonNode input, int workflows, int starters)
      throws Exception {
    this.definition = definition;
    done = new CountDownLatch(workflows);
    failed.set(0);
    toFinish.set(workflows);
    AtomicInteger toStart = new AtomicInteger(workflows);
    ExecutorService pool = Executors.newFixedThreadPool(starters);
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < starters; t++) {
      futures.add(
          pool.submit(
              () -> {
                while (toStart.getAndDecrement() > 0) {
                  slots.acquire();
                  engine.startWorkflow(definition, input);
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    if (!done.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException(done.getCount() + " workflows still running after 10 min");
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Starts {@code workflows} workflows without waiting for them (nothing serves their jobs). */
  void startPending(Engine engine, String definition, JsonNode input, int workflows) {
    this.definition = definition;
    toFinish.set(0);
    for (int i = 0; i < workflows; i++) {
      engine.startWorkflow(definition, input);
    }
  }
}
