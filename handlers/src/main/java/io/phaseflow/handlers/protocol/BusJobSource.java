package io.phaseflow.handlers.protocol;

import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Heartbeat;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import io.phaseflow.handlers.JobSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handler jobs over a {@link MessageBus}: consumes the handler's versioned queues, one per {@link
 * Priority} ({@link Queues#handlerByPriority}), decodes each {@link Job} (a malformed one is
 * dead-lettered and never reaches the handler), and sends a {@link JobFinished} timed by {@code
 * clock} to its {@link JobResults} (published, unless a Java process records it itself) once the
 * job ran (and, for a job without heartbeats, before the bus acknowledges it). While a job runs,
 * {@link Heartbeat#beat()} publishes a {@link JobHeartbeat} (at most one a second), and when the
 * job asks for heartbeats ({@link Job#heartbeatMillis}) one is sent every third of that on its own.
 *
 * <p>When to acknowledge. A job without heartbeats is run on the consumer's thread and acked after
 * its result is published, so a process that dies mid-job has it redelivered and loses nothing; it
 * must end within the broker's consumer timeout. A job with heartbeats is acked when it starts and
 * runs on one of the deployment's own threads: the engine's heartbeat deadline, not the broker,
 * brings it back if the process dies, so it may run for any length of time. Either way at most
 * {@code instances} jobs run at once: a delivery waits for a free instance before it starts.
 *
 * <p>A batch (a message carrying several jobs, {@link Messages#decodeJobs}) runs its jobs
 * concurrently on the deployment's instances, waits for all of them, sends all their results
 * ({@link JobResults#finishedAll}), and only then is acked: a process that dies mid-batch has the
 * whole batch redelivered, and the results it had already sent come back as duplicates.
 *
 * <p>Priorities. Each priority's queue has {@code instances} consumers of its own, and a free
 * instance goes to a waiting delivery of the highest priority ({@link PriorityGate}): a high job
 * that arrives while low ones wait runs before them. Deliveries a consumer holds while waiting stay
 * unacknowledged, so a job without heartbeats must start and end within the broker's consumer
 * timeout even behind a stream of higher-priority jobs.
 *
 * <p>Closing stops taking jobs, lets the consumers finish the ones they hold, then waits up to
 * {@code stopWait} for the early-acked jobs still running. Those still running then are abandoned:
 * their threads are interrupted and their heartbeats stop, so the engine times their attempts out
 * after {@code heartbeat_timeout} and retries them. Thread-safe.
 */
public final class BusJobSource implements JobSource {
  private static final Logger log = LoggerFactory.getLogger(BusJobSource.class);
  private static final long MIN_BEAT_GAP_MILLIS = 1_000;
  private static final ScheduledExecutorService BEATS =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "phaseflow-heartbeats");
            t.setDaemon(true);
            return t;
          });

  private static final long STOP_WAIT_MILLIS = 30_000;

  private final MessageBus bus;
  private final Clock clock;
  private final long stopWaitMillis;
  private final JobResults results;

  /** Results published on the bus ({@link JobResults#publishing}). */
  public BusJobSource(MessageBus bus, Clock clock) {
    this(bus, clock, JobResults.publishing(bus));
  }

  /** Results sent to {@code results}, e.g. recorded in the state store by a Java process. */
  public BusJobSource(MessageBus bus, Clock clock, JobResults results) {
    this(bus, clock, STOP_WAIT_MILLIS, results);
  }

  /** With how long {@link Subscription#close} waits for early-acked jobs before abandoning them. */
  BusJobSource(MessageBus bus, Clock clock, long stopWaitMillis) {
    this(bus, clock, stopWaitMillis, JobResults.publishing(bus));
  }

  private BusJobSource(MessageBus bus, Clock clock, long stopWaitMillis, JobResults results) {
    this.bus = bus;
    this.clock = clock;
    this.stopWaitMillis = stopWaitMillis;
    this.results = results;
  }

  @Override
  public Subscription serve(Handler handler, int instances, Function<Job, JobResult> work) {
    String queue = Queues.handler(handler.name(), handler.version());
    PriorityGate free = new PriorityGate(instances);
    AtomicBoolean abandoned = new AtomicBoolean();
    ExecutorService running = Executors.newFixedThreadPool(instances, threads(queue));
    List<MessageBus.Subscription> consumers = new ArrayList<>();
    try {
      for (Priority priority : Priority.values()) {
        consumers.add(
            bus.consume(
                Queues.handler(handler.name(), handler.version(), priority),
                instances,
                body -> {
                  List<Job> jobs = Messages.decodeJobs(body);
                  if (jobs.size() > 1) {
                    finishBatch(jobs, priority, work, abandoned, free, running);
                  } else {
                    take(jobs.get(0), priority, free, work, running, abandoned);
                  }
                }));
      }
    } catch (RuntimeException e) {
      consumers.forEach(MessageBus.Subscription::close);
      running.shutdownNow();
      throw e;
    }
    return () -> {
      consumers.forEach(MessageBus.Subscription::close);
      running.shutdown();
      try {
        if (!running.awaitTermination(stopWaitMillis, TimeUnit.MILLISECONDS)) {
          abandon(running, abandoned);
        }
      } catch (InterruptedException e) {
        abandon(running, abandoned);
        Thread.currentThread().interrupt();
      }
    };
  }

  /**
   * Runs a delivered job once an instance is free for its priority: on the consumer's thread (acked
   * after its result is out) or, for a job with heartbeats, on the deployment's own threads (acked
   * when it starts).
   */
  private void take(
      Job job,
      Priority priority,
      PriorityGate free,
      Function<Job, JobResult> work,
      ExecutorService running,
      AtomicBoolean abandoned)
      throws InterruptedException {
    free.acquire(priority);
    if (job.heartbeatMillis() <= 0) {
      try {
        finish(job, work, abandoned);
      } finally {
        free.release();
      }
      return;
    }
    try {
      running.execute(() -> finishAcked(job, work, abandoned, free));
    } catch (RejectedExecutionException e) {
      free.release();
      throw e; // stopping: the bus hands the job back
    }
  }

  private static void abandon(ExecutorService running, AtomicBoolean abandoned) {
    abandoned.set(true);
    running.shutdownNow();
  }

  /** Runs {@code job} and sends its result where results go; throws when it could not. */
  private void finish(Job job, Function<Job, JobResult> work, AtomicBoolean abandoned) {
    long started = clock.millis();
    JobResult result = run(job, work, abandoned);
    results.finished(JobFinished.of(job, result, started, clock.millis()));
  }

  /**
   * Runs a batch's jobs on the deployment's instances, each as soon as one is free, waits for all,
   * then sends their results together; throws (the message is not acked, so the whole batch comes
   * back) when any result could not be sent. A repeat of a job whose result got out is a duplicate,
   * which the engine ignores.
   */
  private void finishBatch(
      List<Job> jobs,
      Priority priority,
      Function<Job, JobResult> work,
      AtomicBoolean abandoned,
      PriorityGate free,
      ExecutorService running)
      throws InterruptedException, ExecutionException {
    List<Future<JobFinished>> ends = new ArrayList<>(jobs.size());
    try {
      for (Job job : jobs) {
        free.acquire(priority);
        try {
          ends.add(
              running.submit(
                  () -> {
                    try {
                      long started = clock.millis();
                      JobResult result = run(job, work, abandoned);
                      return JobFinished.of(job, result, started, clock.millis());
                    } finally {
                      free.release();
                    }
                  }));
        } catch (RejectedExecutionException e) {
          free.release();
          throw e; // stopping: the bus hands the batch back once the ones started ended
        }
      }
    } finally {
      // Never leave a started job behind: its result must not race the redelivered batch's.
      for (Future<JobFinished> f : ends) {
        try {
          f.get();
        } catch (ExecutionException e) {
          // rethrown below when the batch got that far
        }
      }
    }
    List<JobFinished> done = new ArrayList<>(ends.size());
    for (Future<JobFinished> f : ends) {
      done.add(f.get());
    }
    results.finishedAll(done);
  }

  /** Finishes a job whose message is already acked, then frees its instance. */
  private void finishAcked(
      Job job, Function<Job, JobResult> work, AtomicBoolean abandoned, PriorityGate free) {
    try {
      finish(job, work, abandoned);
    } catch (RuntimeException e) {
      // The result did not get out and the message is gone: the attempt's deadline retries it.
      log.warn(
          "result of job {} of workflow {} (attempt {}) not published, the engine retries it after"
              + " its heartbeat timeout: {}",
          job.job(),
          job.workflowId(),
          job.attempt(),
          e.toString());
    } finally {
      free.release();
    }
  }

  private static ThreadFactory threads(String queue) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, queue + "-job-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private JobResult run(Job job, Function<Job, JobResult> work, AtomicBoolean abandoned) {
    AtomicLong last = new AtomicLong(Long.MIN_VALUE / 2);
    long gap =
        job.heartbeatMillis() > 0
            ? Math.min(MIN_BEAT_GAP_MILLIS, job.heartbeatMillis() / 3)
            : MIN_BEAT_GAP_MILLIS;
    Consumer<Job> beat =
        j -> {
          long now = clock.millis();
          long before = last.get();
          if (!abandoned.get() && now - before >= gap && last.compareAndSet(before, now)) {
            bus.publish(Queues.JOB_HEARTBEAT, Messages.encode(JobHeartbeat.of(j, now)));
          }
        };
    ScheduledFuture<?> auto = null;
    if (job.heartbeatMillis() > 0) {
      long every = Math.max(1, job.heartbeatMillis() / 3);
      auto =
          BEATS.scheduleAtFixedRate(() -> safely(beat, job), every, every, TimeUnit.MILLISECONDS);
    }
    try {
      return Heartbeat.during(job, beat, () -> work.apply(job));
    } finally {
      if (auto != null) {
        auto.cancel(false);
      }
    }
  }

  /** A heartbeat that could not be sent is not the job's failure: the next one may get through. */
  private static void safely(Consumer<Job> beat, Job job) {
    try {
      beat.accept(job);
    } catch (RuntimeException e) {
      // the deadline catches a job whose heartbeats never get through
    }
  }
}
