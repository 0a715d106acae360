package io.phaseflow.handlers.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.HandlerRunner;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When a {@link BusJobSource} acks a job's message (the {@link InMemoryTestBus#deliver} call
 * returning), and what runs meanwhile: a job with heartbeats is acked at its start, one without
 * after its result; instances bound the jobs running; stopping finishes or abandons them.
 */
class BusJobSourceAckTest {
  private static final String QUEUE = Queues.handler("Echo", 1);

  private final InMemoryTestBus bus = new InMemoryTestBus();
  private final HandlerRunner runner = new HandlerRunner(new BusJobSource(bus, Clock.systemUTC()));
  private final ExecutorService deliveries = Executors.newCachedThreadPool();

  @AfterEach
  void stopDeliveries() {
    deliveries.shutdownNow();
  }

  @Test
  void aJobThatAsksForHeartbeatsGetsThemFromTheRunnerWhileItRuns() throws Exception {
    runner.deploy(
        handler(
            job -> {
              Thread.sleep(400); // the handler itself never beats
              return JobResult.success(null);
            }),
        1);
    Job asks = new Job("wf-1", "p", 3, 7, 2, "Echo", 1, null, null, null, 90);

    bus.deliver(QUEUE, Messages.encode(asks));
    awaitJobsFinished(1); // acked at its start: it runs on after deliver returns

    assertThat(bus.published(Queues.JOB_HEARTBEAT)).hasSizeGreaterThanOrEqualTo(3);
    int after = bus.published(Queues.JOB_HEARTBEAT).size();
    Thread.sleep(100);
    assertThat(bus.published(Queues.JOB_HEARTBEAT)).as("none once it ended").hasSize(after);
  }

  @Test
  void aJobWithHeartbeatsIsAckedWhenItStartsAndItsResultIsPublishedWhenItEnds() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    runner.deploy(
        handler(
            job -> {
              started.countDown();
              release.await();
              return JobResult.success(null);
            }),
        1);

    CompletableFuture<Void> ack = deliverAsync(heartbeatJob(1));

    ack.get(5, TimeUnit.SECONDS); // acked while the handler still waits
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(bus.published(Queues.JOB_FINISHED)).isEmpty();
    release.countDown();
    awaitJobsFinished(1);
    assertThat(onlyJobFinished().ok()).isTrue();
  }

  @Test
  void aJobWithoutHeartbeatsIsAckedOnlyAfterItsResultIsPublished() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    runner.deploy(
        handler(
            job -> {
              started.countDown();
              release.await();
              return JobResult.success(null);
            }),
        1);

    CompletableFuture<Void> ack = CompletableFuture.runAsync(() -> deliver(job()), deliveries);

    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(100);
    assertThat(ack).as("not acked while the job runs").isNotDone();
    release.countDown();
    ack.get(5, TimeUnit.SECONDS);
    assertThat(onlyJobFinished().ok()).isTrue(); // published before the ack
  }

  @Test
  void earlyAckedJobsRunAtMostInstancesAtOnceAndTheNextWaitsForAFreeOne() throws Exception {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    runner.deploy(
        handler(
            job -> {
              most.accumulateAndGet(now.incrementAndGet(), Math::max);
              release.await();
              now.decrementAndGet();
              return JobResult.success(null);
            }),
        2);

    deliverAsync(heartbeatJob(1)).get(5, TimeUnit.SECONDS);
    deliverAsync(heartbeatJob(2)).get(5, TimeUnit.SECONDS);
    CompletableFuture<Void> third = deliverAsync(heartbeatJob(3));
    Thread.sleep(200);

    assertThat(third).as("waits for a free instance, unacked").isNotDone();
    assertThat(most).hasValue(2);
    release.countDown();
    third.get(5, TimeUnit.SECONDS);
    awaitJobsFinished(3);
    assertThat(most).hasValue(2);
  }

  @Test
  void stoppingFinishesEarlyAckedJobsWithinTheWaitAndAbandonsTheRest() throws Exception {
    HandlerRunner stopping = new HandlerRunner(new BusJobSource(bus, Clock.systemUTC(), 300));
    CountDownLatch interrupted = new CountDownLatch(1);
    HandlerRunner.Deployment deployment =
        stopping.deploy(
            handler(
                job -> {
                  if (job.attempt() == 1) {
                    Thread.sleep(100); // ends within the wait
                    return JobResult.success(null);
                  }
                  try {
                    Thread.sleep(60_000);
                  } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                  }
                  return JobResult.success(null);
                }),
            2);
    deliverAsync(heartbeatJob(1)).get(5, TimeUnit.SECONDS);
    deliverAsync(heartbeatJob(2)).get(5, TimeUnit.SECONDS);

    long before = System.nanoTime();
    deployment.close();

    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).isLessThan(5_000);
    assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the rest is abandoned").isTrue();
    assertThat(bus.published(Queues.JOB_FINISHED))
        .map(b -> Messages.decode(b, JobFinished.class).attempt())
        .contains(1);
  }

  private CompletableFuture<Void> deliverAsync(Job job) {
    return CompletableFuture.runAsync(() -> deliver(job), deliveries);
  }

  private void deliver(Job job) {
    try {
      bus.deliver(QUEUE, Messages.encode(job));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitJobsFinished(int count) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (bus.published(Queues.JOB_FINISHED).size() < count && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertThat(bus.published(Queues.JOB_FINISHED)).hasSize(count);
  }

  /** A job asking for heartbeats every minute, told apart by its attempt. */
  private static Job heartbeatJob(int attempt) {
    return new Job("wf-1", "p", 3, 7, attempt, "Echo", 1, null, null, null, 60_000);
  }

  private JobFinished onlyJobFinished() {
    List<byte[]> bodies = bus.published(Queues.JOB_FINISHED);
    assertThat(bodies).hasSize(1);
    return Messages.decode(bodies.get(0), JobFinished.class);
  }

  private static Job job() {
    return new Job("wf-1", "fetching-pages", 3, 7, 2, "Echo", 1, null, null, null);
  }

  /** A handler named Echo v1 that runs {@code body}. */
  private static Handler handler(Body body) {
    return new Handler() {
      @Override
      public String name() {
        return "Echo";
      }

      @Override
      public JobResult process(Job job) throws Exception {
        return body.process(job);
      }
    };
  }

  @FunctionalInterface
  private interface Body {
    JobResult process(Job job) throws Exception;
  }
}
