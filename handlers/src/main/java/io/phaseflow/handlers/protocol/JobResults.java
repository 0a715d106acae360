package io.phaseflow.handlers.protocol;

/**
 * Where a handler process sends a finished job's result before its message is acknowledged. The
 * protocol's way is a {@link JobFinished} on {@link Queues#JOB_FINISHED} ({@link #publishing}); a
 * Java handler process may instead record it in the state store itself (the engine's direct mode),
 * which must then be as safe to repeat as a redelivered message. Implementations are thread-safe
 * and throw when the result did not get where it goes: the job's message is then not acknowledged,
 * and its redelivery runs it again.
 */
@FunctionalInterface
public interface JobResults {
  void finished(JobFinished done);

  /** Publishes each result on {@link Queues#JOB_FINISHED} with the bus's confirms. */
  static JobResults publishing(MessageBus bus) {
    return done -> bus.publish(Queues.JOB_FINISHED, Messages.encode(done));
  }
}
