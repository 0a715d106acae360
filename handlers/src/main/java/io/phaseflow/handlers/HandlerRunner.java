package io.phaseflow.handlers;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys handler instances on a {@link JobSource} and owns what a job's outcome is: the handler's
 * result, or a failure made from what it threw ({@link JobFailedException} keeps its retryable
 * flag, any other exception is retryable, a missing result or a linkage error is not).
 *
 * <p>Thread-safety: {@link #deploy} may be called from any thread; the returned deployment is
 * closed once.
 */
public final class HandlerRunner {
  private static final Logger log = LoggerFactory.getLogger(HandlerRunner.class);

  private final JobSource source;

  public HandlerRunner(JobSource source) {
    this.source = source;
  }

  /** Starts {@code instances} consumers of {@code handler}'s jobs. */
  public Deployment deploy(Handler handler, int instances) {
    if (instances < 1) {
      throw new IllegalArgumentException(
          "instances of " + handler.name() + " must be at least 1, got " + instances);
    }
    JobSource.Subscription subscription =
        source.serve(handler, instances, job -> process(handler, job));
    log.debug("deployed {} instance(s) of {} v{}", instances, handler.name(), handler.version());
    return new Deployment(List.of(subscription));
  }

  /** Deploys every handler of {@code registry} with the same number of instances each. */
  public Deployment deployAll(HandlerRegistry registry, int instances) {
    List<JobSource.Subscription> subscriptions = new ArrayList<>();
    for (Handler handler : registry.all()) {
      subscriptions.addAll(deploy(handler, instances).subscriptions);
    }
    return new Deployment(subscriptions);
  }

  /**
   * The outcome of {@code job} as the engine records it; never throws for what the handler does.
   */
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
    private final List<JobSource.Subscription> subscriptions;

    private Deployment(List<JobSource.Subscription> subscriptions) {
      this.subscriptions = List.copyOf(subscriptions);
    }

    @Override
    public void close() {
      subscriptions.forEach(JobSource.Subscription::close);
    }
  }
}
