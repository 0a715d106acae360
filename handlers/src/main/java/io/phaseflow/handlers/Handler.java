package io.phaseflow.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A unit of work that a phase (or a task of a DAG) names. One handler serves one queue; any number
 * of instances of it may run on any machine.
 *
 * <p>Thread-safety: {@link #process} is called concurrently by every instance a runner deploys, so
 * an implementation must be thread-safe (a stateless one is).
 */
public interface Handler {

  /** The name definitions use to refer to this handler, e.g. {@code PageSummarizer}. */
  String name();

  /** The major version; a definition may pin it. Each version has its own queue. */
  default int version() {
    return 1;
  }

  /**
   * The full semantic version, {@code MAJOR.MINOR.PATCH} with MAJOR equal to {@link #version()},
   * e.g. {@code 1.4.2}: a definition's requirement ({@code "~> 1.2"}) picks the newest deployed
   * version that satisfies it. Versions of one major share its queue. The default is {@code N.0.0}.
   */
  default String semver() {
    return version() + ".0.0";
  }

  /**
   * The jobs to run when a phase that names this handler is entered, one payload per job. Called by
   * the engine only when the definition gives no {@code for_each}. The default is one job with no
   * payload.
   */
  default List<JsonNode> jobs(PhaseContext context) {
    return List.of(NullPayload.INSTANCE);
  }

  /**
   * Processes one job. Return {@link JobResult#success} or {@link JobResult#failure}; a thrown
   * {@link JobFailedException} is a failure with its retryable flag, any other exception a
   * retryable failure.
   */
  JobResult process(Job job) throws Exception;
}
