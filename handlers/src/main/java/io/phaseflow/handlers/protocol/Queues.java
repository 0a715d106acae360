package io.phaseflow.handlers.protocol;

import java.util.Arrays;
import java.util.List;

/** Queue names shared by the engine and handler instances. */
public final class Queues {
  /** Where handler instances report finished jobs; the JobFinished monitor consumes it. */
  public static final String JOB_FINISHED = "phaseflow.job-finished";

  /**
   * Where the JobFinished monitor reports closed phase entries; the transition service consumes it.
   */
  public static final String PHASE_FINISHED = "phaseflow.phase-finished";

  /** Where handler instances report jobs alive; the engine moves their attempts' deadlines. */
  public static final String JOB_HEARTBEAT = "phaseflow.job-heartbeat";

  /** Where workflows to start wait for an engine; a start survives any process dying. */
  public static final String WORKFLOW_START = "phaseflow.workflow-start";

  /** The queues engines consume, in the order a workflow uses them. */
  public static final List<String> ENGINE =
      List.of(WORKFLOW_START, JOB_FINISHED, PHASE_FINISHED, JOB_HEARTBEAT);

  private Queues() {}

  /**
   * The queue of one handler's major version for {@link Priority#NORMAL} jobs, e.g. {@code
   * phaseflow.handler.PageSummarizer.v1}.
   */
  public static String handler(String name, int version) {
    return "phaseflow.handler." + name + ".v" + version;
  }

  /**
   * The queue of one handler's major version for jobs of {@code priority}: the {@link
   * #handler(String, int) normal queue} for normal jobs (the name queues had before priorities),
   * with {@code .high} or {@code .low} appended for the others, e.g. {@code
   * phaseflow.handler.PageSummarizer.v1.high}.
   */
  public static String handler(String name, int version, Priority priority) {
    String normal = handler(name, version);
    return priority == Priority.NORMAL ? normal : normal + "." + priority.wire();
  }

  /**
   * {@code queue} and, when it is a handler's normal queue, its high and low siblings: what to
   * delete to remove everything a handler's consumers declared.
   */
  public static List<String> withPrioritySiblings(String queue) {
    if (!queue.startsWith("phaseflow.handler.")
        || queue.endsWith("." + Priority.HIGH.wire())
        || queue.endsWith("." + Priority.LOW.wire())) {
      return List.of(queue);
    }
    return List.of(queue + "." + Priority.HIGH.wire(), queue, queue + "." + Priority.LOW.wire());
  }

  /** The queues of one handler's major version, one per priority, highest first. */
  public static List<String> handlerByPriority(String name, int version) {
    return Arrays.stream(Priority.values()).map(p -> handler(name, version, p)).toList();
  }
}
