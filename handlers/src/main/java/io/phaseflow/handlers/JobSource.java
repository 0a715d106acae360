package io.phaseflow.handlers;

import java.util.function.Function;

/**
 * Where a {@link HandlerRunner}'s instances take their jobs from and report them finished: the
 * engine's queues, in process or on RabbitMQ. The job protocol implements it ({@code
 * io.phaseflow.handlers.protocol.BusJobSource}), so this API names no queue, message or bus; a
 * handler author never implements it.
 *
 * <p>Thread-safety: implementations are thread-safe.
 */
public interface JobSource {

  /**
   * Starts {@code instances} consumers of {@code handler}'s jobs. Each delivered job goes to {@code
   * work}; the result it returns is reported before the job is acknowledged, so a crash mid-job
   * redelivers it.
   */
  Subscription serve(Handler handler, int instances, Function<Job, JobResult> work);

  /** Running consumers of one handler's jobs. */
  interface Subscription extends AutoCloseable {
    /** Stops taking new jobs, waits for the ones in hand, then returns. */
    @Override
    void close();
  }
}
