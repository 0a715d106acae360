package io.phaseflow.handlers;

import java.util.function.Consumer;

/**
 * Tells the engine that the job this thread is processing is still alive, so its attempt does not
 * time out: a job's deadline moves to its {@code heartbeat_timeout} (or {@code timeout}) after each
 * heartbeat. Call {@link #beat()} from {@link Handler#process} as often as is convenient (beats
 * closer together than a second are sent once). When the definition gives a {@code
 * heartbeat_timeout}, the runner also beats on its own every third of it while the job runs, so
 * only a job whose thread is stuck for good stops beating; a handler beats itself to say that it is
 * making progress, for instance between the pages of a long download.
 *
 * <p>Thread-safety: {@link #beat()} may be called from any thread; it names the job of the calling
 * thread and does nothing on a thread that is not processing a job.
 */
public final class Heartbeat {
  private static final ThreadLocal<Consumer<Job>> SINK = new ThreadLocal<>();
  private static final ThreadLocal<Job> JOB = new ThreadLocal<>();

  private Heartbeat() {}

  /** Reports the calling thread's job alive; does nothing outside a job. */
  public static void beat() {
    Consumer<Job> sink = SINK.get();
    Job job = JOB.get();
    if (sink != null && job != null) {
      sink.accept(job);
    }
  }

  /**
   * Runs {@code work} on this thread as {@code job}, its heartbeats going to {@code sink}. For job
   * sources, not handlers.
   */
  public static JobResult during(
      Job job, Consumer<Job> sink, java.util.function.Supplier<JobResult> work) {
    SINK.set(sink);
    JOB.set(job);
    try {
      return work.get();
    } finally {
      SINK.remove();
      JOB.remove();
    }
  }
}
