package io.phaseflow.engine.definition;

/**
 * A handler named by a phase or a task: {@code "Name"} or {@code {"name", "version", "for_each",
 * "max_attempts", "timeout", "heartbeat_timeout", "backoff"}}.
 *
 * @param name the handler name
 * @param version the major version, 1 when absent
 * @param forEach a JSON pointer (with {@code *} segments allowed) to an array in {@code {"data":
 *     ..., "inputs": ...}}: one job per element; null for the handler's own job enumeration
 * @param maxAttempts how many times a job is tried when its failures are retryable, 3 when absent
 * @param policy its jobs' timeout, heartbeat timeout and backoff between attempts
 * @param inputsFrom phases whose latest outputs its jobs also receive in their inputs, under {@code
 *     {"<phase>": {"Handler": [...]}}}
 */
public record HandlerReference(
    String name,
    int version,
    String forEach,
    int maxAttempts,
    JobPolicy policy,
    java.util.List<String> inputsFrom) {
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  public HandlerReference {
    inputsFrom = java.util.List.copyOf(inputsFrom);
  }

  /** A reference that reads no earlier phases' outputs. */
  public HandlerReference(
      String name, int version, String forEach, int maxAttempts, JobPolicy policy) {
    this(name, version, forEach, maxAttempts, policy, java.util.List.of());
  }

  /** A reference with the default {@link JobPolicy}. */
  public HandlerReference(String name, int version, String forEach, int maxAttempts) {
    this(name, version, forEach, maxAttempts, JobPolicy.DEFAULT);
  }

  /** A reference by name only, with defaults for the rest. */
  public static HandlerReference named(String name) {
    return new HandlerReference(name, 1, null, DEFAULT_MAX_ATTEMPTS);
  }
}
