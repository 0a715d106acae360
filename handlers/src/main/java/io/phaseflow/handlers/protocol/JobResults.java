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

  /**
   * Sends the results of a batch's jobs (one message, so all of one phase entry); returns once all
   * got where they go, else throws. By default one by one.
   */
  default void finishedAll(java.util.List<JobFinished> done) {
    for (JobFinished d : done) {
      finished(d);
    }
  }

  /** Publishes each result on {@link Queues#JOB_FINISHED} with the bus's confirms. */
  static JobResults publishing(MessageBus bus) {
    return new JobResults() {
      @Override
      public void finished(JobFinished done) {
        bus.publish(Queues.JOB_FINISHED, Messages.encode(done));
      }

      /** Their confirms are waited for together. */
      @Override
      public void finishedAll(java.util.List<JobFinished> done) {
        java.util.List<MessageBus.Message> messages = new java.util.ArrayList<>(done.size());
        for (JobFinished d : done) {
          messages.add(new MessageBus.Message(Queues.JOB_FINISHED, Messages.encode(d)));
        }
        bus.publishAll(messages);
      }
    };
  }
}
