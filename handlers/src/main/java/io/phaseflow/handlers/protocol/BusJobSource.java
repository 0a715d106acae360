package io.phaseflow.handlers.protocol;

import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import io.phaseflow.handlers.JobSource;
import java.time.Clock;
import java.util.function.Function;

/**
 * Handler jobs over a {@link MessageBus}: consumes the handler's versioned queue ({@link
 * Queues#handler}), decodes each {@link Job} (a malformed one is dead-lettered and never reaches
 * the handler), and publishes a {@link JobFinished} timed by {@code clock} before the bus
 * acknowledges the job. Thread-safe.
 */
public final class BusJobSource implements JobSource {
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
              JobResult result = work.apply(job);
              bus.publish(
                  Queues.JOB_FINISHED,
                  Messages.encode(JobFinished.of(job, result, started, clock.millis())));
            });
    return consumers::close;
  }
}
