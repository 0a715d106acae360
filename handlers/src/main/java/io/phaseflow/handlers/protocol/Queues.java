package io.phaseflow.handlers.protocol;

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

  /** The queue of one handler's major version, e.g. {@code phaseflow.handler.PageSummarizer.v1}. */
  public static String handler(String name, int version) {
    return "phaseflow.handler." + name + ".v" + version;
  }
}
