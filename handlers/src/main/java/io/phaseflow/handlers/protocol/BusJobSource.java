package io.phaseflow.handlers.protocol;

import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Heartbeat;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import io.phaseflow.handlers.JobSource;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Handler jobs over a {@link MessageBus}: consumes the handler's versioned queue ({@link
 * Queues#handler}), decodes each {@link Job} (a malformed one is dead-lettered and never reaches
 * the handler), and publishes a {@link JobFinished} timed by {@code clock} before the bus
 * acknowledges the job. While a job runs, {@link Heartbeat#beat()} publishes a {@link JobHeartbeat}
 * (at most one a second), and when the job asks for heartbeats ({@link Job#heartbeatMillis}) one is
 * sent every third of that on its own. Thread-safe.
 */
public final class BusJobSource implements JobSource {
  private static final long MIN_BEAT_GAP_MILLIS = 1_000;
  private static final ScheduledExecutorService BEATS =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "phaseflow-heartbeats");
            t.setDaemon(true);
            return t;
          });

  private final MessageBus bus;
  private final Clock clock;

  public BusJobSource(MessageBus bus, Clock clock) {
    this.bus = bus;
    this.clock = clock;
  }

  @Override
  public Subscription serve(Handler handler, int instances, Function<Job, JobResult> work) {
    String queue = Queues.handler(handler.name(), handler.version());
    MessageBus.Subscription consumers =
        bus.consume(
            queue,
            instances,
            body -> {
              Job job = Messages.decode(body, Job.class);
              long started = clock.millis();
              JobResult result = run(job, work);
              bus.publish(
                  Queues.JOB_FINISHED,
                  Messages.encode(JobFinished.of(job, result, started, clock.millis())));
            });
    return consumers::close;
  }

  private JobResult run(Job job, Function<Job, JobResult> work) {
    AtomicLong last = new AtomicLong(Long.MIN_VALUE / 2);
    long gap =
        job.heartbeatMillis() > 0
            ? Math.min(MIN_BEAT_GAP_MILLIS, job.heartbeatMillis() / 3)
            : MIN_BEAT_GAP_MILLIS;
    Consumer<Job> beat =
        j -> {
          long now = clock.millis();
          long before = last.get();
          if (now - before >= gap && last.compareAndSet(before, now)) {
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
