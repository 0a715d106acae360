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

  @Test
  void aBatchRunsItsJobsOnTheInstancesAndIsAckedOnlyAfterEveryResultIsOut() throws Exception {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    runner.deploy(
        handler(
            job -> {
              most.accumulateAndGet(now.incrementAndGet(), Math::max);
              if (job.job() == 2) {
                release.await(); // the slowest job holds the batch's ack
              }
              now.decrementAndGet();
              return JobResult.success(null);
            }),
        2);

    CompletableFuture<Void> ack =
        CompletableFuture.runAsync(() -> deliverBatch(batchJob(0), batchJob(1), batchJob(2)));

    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (most.get() < 1 && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    Thread.sleep(200);
    assertThat(ack).as("not acked while a job of the batch runs").isNotDone();
    assertThat(bus.published(Queues.JOB_FINISHED)).as("results go out together").isEmpty();
    release.countDown();
    ack.get(5, TimeUnit.SECONDS);
    assertThat(bus.published(Queues.JOB_FINISHED))
        .as("all sent before the ack")
        .map(b -> Messages.decode(b, JobFinished.class).job())
        .containsExactly(0, 1, 2);
    assertThat(most.get()).as("at most the deployment's instances at once").isBetween(1, 2);
  }

  @Test
  void aFailingJobInABatchYieldsItsFailureWhileTheOthersSucceed() throws Exception {
    runner.deploy(
        handler(
            job -> {
              if (job.job() == 1) {
                throw new IllegalStateException("page 1 is gone");
              }
              return JobResult.success(null);
            }),
        3);

    deliverBatch(batchJob(0), batchJob(1), batchJob(2));

    assertThat(bus.published(Queues.JOB_FINISHED))
        .map(b -> Messages.decode(b, JobFinished.class))
        .satisfiesExactly(
            d -> assertThat(d.ok()).isTrue(),
            d -> assertThat(d.error()).contains("page 1 is gone"),
            d -> assertThat(d.ok()).isTrue());
  }

  @Test
  void aBatchWhoseResultsCannotBeSentIsNotAcked() throws Exception {
    HandlerRunner failing =
        new HandlerRunner(
            new BusJobSource(
                bus,
                Clock.systemUTC(),
                done -> {
                  throw new IllegalStateException("broker gone");
                }));
    failing.deploy(handler(job -> JobResult.success(null)), 2);

    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> bus.deliver(QUEUE, batchBody(batchJob(0), batchJob(1)))))
        .as("thrown to the bus: redelivered")
        .hasMessageContaining("broker gone");
  }

  private void deliverBatch(Job... jobs) {
    try {
      bus.deliver(QUEUE, batchBody(jobs));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] batchBody(Job... jobs) {
    return Messages.batch(java.util.Arrays.stream(jobs).map(Messages::encode).toList());
  }

  private static Job batchJob(int index) {
    return new Job("wf-1", "p", 3, index, 1, "Echo", 1, null, null, null);
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
