package io.phaseflow.handlers;

import io.phaseflow.handlers.protocol.JobFinished;
import io.phaseflow.handlers.protocol.MessageBus;
import io.phaseflow.handlers.protocol.Messages;
import io.phaseflow.handlers.protocol.Queues;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys handler instances on their queues: each instance takes a job, processes it, publishes a
 * {@link JobFinished} and only then acknowledges the job, so a crash mid-job redelivers it.
 *
 * <p>Thread-safety: {@link #deploy} may be called from any thread; the returned deployment is
 * closed once.
 */
public final class HandlerRunner {
  private static final Logger log = LoggerFactory.getLogger(HandlerRunner.class);

  private final MessageBus bus;
  private final Clock clock;

  public HandlerRunner(MessageBus bus, Clock clock) {
    this.bus = bus;
    this.clock = clock;
  }

  /** Starts {@code instances} consumers of {@code handler}'s queue. */
  public Deployment deploy(Handler handler, int instances) {
    if (instances < 1) {
      throw new IllegalArgumentException(
          "instances of " + handler.name() + " must be at least 1, got " + instances);
    }
    String queue = Queues.handler(handler.name(), handler.version());
    MessageBus.Subscription subscription =
        bus.consume(queue, instances, body -> runOne(handler, Messages.decode(body, Job.class)));
    log.debug("deployed {} instance(s) of {} on {}", instances, handler.name(), queue);
    return new Deployment(List.of(subscription));
  }

  /** Deploys every handler of {@code registry} with the same number of instances each. */
  public Deployment deployAll(HandlerRegistry registry, int instances) {
    List<MessageBus.Subscription> subscriptions = new ArrayList<>();
    for (Handler handler : registry.all()) {
      subscriptions.addAll(deploy(handler, instances).subscriptions);
    }
    return new Deployment(subscriptions);
  }

  private void runOne(Handler handler, Job job) {
    long started = clock.millis();
    JobResult result = process(handler, job);
    bus.publish(
        Queues.JOB_FINISHED, Messages.encode(JobFinished.of(job, result, started, clock.millis())));
  }

  static JobResult process(Handler handler, Job job) {
    try {
      JobResult result = handler.process(job);
      if (result == null) {
        return JobResult.failure(
            handler.name() + " returned no result: return JobResult.success(output)", false);
      }
      return result;
    } catch (JobFailedException e) {
      return JobResult.failure(e.getMessage(), e.retryable());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return JobResult.failure(handler.name() + " was interrupted", true);
    } catch (Exception e) {
      log.warn(
          "{} failed on job {}/{}#{}", handler.name(), job.workflowId(), job.entry(), job.job(), e);
      return JobResult.failure(e.getClass().getSimpleName() + ": " + e.getMessage(), true);
    } catch (StackOverflowError | LinkageError e) {
      // A bug in the handler, not in the message: retrying would loop, redelivery would too.
      return JobResult.failure(e.getClass().getSimpleName() + " in " + handler.name(), false);
    }
  }

  /** Running handler instances; closing stops taking jobs and waits for the ones in hand. */
  public static final class Deployment implements AutoCloseable {
    private final List<MessageBus.Subscription> subscriptions;

    private Deployment(List<MessageBus.Subscription> subscriptions) {
      this.subscriptions = List.copyOf(subscriptions);
    }

    @Override
    public void close() {
      subscriptions.forEach(MessageBus.Subscription::close);
    }
  }
}
