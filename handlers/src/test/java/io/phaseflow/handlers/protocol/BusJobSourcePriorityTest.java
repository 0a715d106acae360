package io.phaseflow.handlers.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.HandlerRunner;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which waiting job a {@link BusJobSource} runs when an instance frees up: the one of the highest
 * priority, whatever order they were delivered in.
 */
class BusJobSourcePriorityTest {
  private final InMemoryTestBus bus = new InMemoryTestBus();
  private final HandlerRunner runner = new HandlerRunner(new BusJobSource(bus, Clock.systemUTC()));
  private final List<String> ran = Collections.synchronizedList(new ArrayList<>());
  private final List<Thread> deliveries = new ArrayList<>();
  private final CountDownLatch firstStarted = new CountDownLatch(1);
  private final CountDownLatch releaseFirst = new CountDownLatch(1);

  @AfterEach
  void stopDeliveries() {
    releaseFirst.countDown();
    deliveries.forEach(Thread::interrupt);
  }

  @Test
  void aHighJobDeliveredAfterWaitingLowJobsRunsBeforeThem() throws Exception {
    runner.deploy(handler(), 1);
    deliver(Priority.LOW, "low-1");
    assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
    waitingAtTheGate(deliver(Priority.LOW, "low-2"));
    waitingAtTheGate(deliver(Priority.LOW, "low-3"));
    waitingAtTheGate(deliver(Priority.NORMAL, "normal-1"));
    waitingAtTheGate(deliver(Priority.HIGH, "high-1"));

    releaseFirst.countDown();
    for (Thread t : deliveries) {
      t.join(5_000);
    }

    assertThat(ran).hasSize(5);
    assertThat(ran.subList(0, 3)).containsExactly("low-1", "high-1", "normal-1");
    assertThat(ran.subList(3, 5)).containsExactlyInAnyOrder("low-2", "low-3");
  }

  @Test
  void aLowJobRunsAtOnceWhenAnInstanceIsFree() throws Exception {
    runner.deploy(handler(), 2);
    releaseFirst.countDown();

    Thread low = deliver(Priority.LOW, "low-1");
    low.join(5_000);

    assertThat(ran).containsExactly("low-1");
  }

  /** Delivers a job of workflow {@code id} on the Echo queue of {@code priority}, on a thread. */
  private Thread deliver(Priority priority, String id) {
    Job job = new Job(id, "p", 1, 0, 1, "Echo", 1, null, null, null);
    Thread t =
        new Thread(
            () -> {
              try {
                bus.deliver(Queues.handler("Echo", 1, priority), Messages.encode(job));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            "deliver-" + id);
    t.start();
    deliveries.add(t);
    return t;
  }

  /** Waits until {@code delivery} blocks waiting for an instance (it holds its message unacked). */
  private static void waitingAtTheGate(Thread delivery) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (delivery.getState() != Thread.State.WAITING && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    assertThat(delivery.getState()).isEqualTo(Thread.State.WAITING);
  }

  /** Echo v1: records each job's workflow id; the first job waits until released. */
  private Handler handler() {
    return new Handler() {
      @Override
      public String name() {
        return "Echo";
      }

      @Override
      public JobResult process(Job job) throws Exception {
        ran.add(job.workflowId());
        if (job.workflowId().equals("low-1")) {
          firstStarted.countDown();
          releaseFirst.await();
        }
        return JobResult.success(null);
      }
    };
  }
}
