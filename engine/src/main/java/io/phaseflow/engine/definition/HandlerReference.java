package io.phaseflow.engine.definition;

/**
 * A handler named by a phase or a task: {@code "Name"} or {@code {"name", "version", "for_each",
 * "max_attempts", "timeout", "heartbeat_timeout", "backoff", "jobs_per_message", "inputs_from"}}.
 *
 * @param name the handler name
 * @param version the major version its requirement starts at (the queue of a plain major), 1 when
 *     absent
 * @param forEach a JSON pointer (with {@code *} segments allowed) to an array in {@code {"data":
 *     ..., "inputs": ...}}: one job per element; null for the handler's own job enumeration
 * @param maxAttempts how many times a job is tried when its failures are retryable, 3 when absent
 * @param policy its jobs' timeout, heartbeat timeout, backoff between attempts and jobs per message
 * @param inputsFrom phases whose latest outputs its jobs also receive in their inputs, under {@code
 *     {"<phase>": {"Handler": [...]}}}
 * @param requirement the versions it accepts: {@code "version": 2} is any 2.x.y, {@code "~> 1.2"}
 *     the newest deployed version from 1.2.0 below 2.0.0
 */
public record HandlerReference(
    String name,
    int version,
    String forEach,
    int maxAttempts,
    JobPolicy policy,
    java.util.List<String> inputsFrom,
    VersionRequirement requirement) {
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  public HandlerReference {
    inputsFrom = java.util.List.copyOf(inputsFrom);
    if (requirement == null) {
      requirement = VersionRequirement.major(version);
    }
    version = requirement.lowest().major();
  }

  /** A reference to any version of major {@code version}. */
  public HandlerReference(
      String name,
      int version,
      String forEach,
      int maxAttempts,
      JobPolicy policy,
      java.util.List<String> inputsFrom) {
    this(name, version, forEach, maxAttempts, policy, inputsFrom, null);
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

  /** {@code Name v2} for a plain major, else {@code Name ~> 1.2}: how plans and errors name it. */
  public String label() {
    return requirement.plainMajor() ? name + " v" + version : name + " " + requirement;
  }
}
