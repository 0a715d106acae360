package io.phaseflow.engine.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.handlers.protocol.Priority;
import java.util.Objects;

/**
 * A workflow as stored.
 *
 * @param id the workflow id
 * @param definition the definition name
 * @param version the definition version it runs
 * @param data its input data
 * @param phase the current phase (the last one, once finished); null before the first entry
 * @param entry the current phase entry number; 0 before the first
 * @param status running or how it ended
 * @param viaError whether it has taken an error transition
 * @param createdAt epoch milliseconds
 * @param updatedAt epoch milliseconds of the last transition
 * @param priority the priority all its jobs are queued with, chosen at its start
 */
public record WorkflowRecord(
    String id,
    String definition,
    int version,
    JsonNode data,
    String phase,
    int entry,
    WorkflowStatus status,
    boolean viaError,
    long createdAt,
    long updatedAt,
    Priority priority) {

  public WorkflowRecord {
    Objects.requireNonNull(priority, "priority");
  }

  /** A workflow of {@link Priority#NORMAL} priority. */
  public WorkflowRecord(
      String id,
      String definition,
      int version,
      JsonNode data,
      String phase,
      int entry,
      WorkflowStatus status,
      boolean viaError,
      long createdAt,
      long updatedAt) {
    this(
        id,
        definition,
        version,
        data,
        phase,
        entry,
        status,
        viaError,
        createdAt,
        updatedAt,
        Priority.NORMAL);
  }

  /** A workflow of normal priority about to enter its first phase. */
  public static WorkflowRecord created(
      String id, String definition, int version, JsonNode data, long now) {
    return created(id, definition, version, data, now, Priority.NORMAL);
  }

  /** A workflow of {@code priority} about to enter its first phase. */
  public static WorkflowRecord created(
      String id, String definition, int version, JsonNode data, long now, Priority priority) {
    return new WorkflowRecord(
        id, definition, version, data, null, 0, WorkflowStatus.RUNNING, false, now, now, priority);
  }

  /**
   * This workflow after a move: now in {@code phase} at {@code entry} with {@code status}, having
   * taken an error edge if it had before or {@code viaErrorNow}, updated at {@code at}.
   */
  public WorkflowRecord moved(
      String phase, int entry, WorkflowStatus status, boolean viaErrorNow, long at) {
    return new WorkflowRecord(
        id,
        definition,
        version,
        data,
        phase,
        entry,
        status,
        viaError || viaErrorNow,
        createdAt,
        at,
        priority);
  }

  /**
   * The workflow a redrive makes: running again in {@code phase}'s new {@code entry}, with the
   * error edge taken before forgotten (the outcome depends on the path from here).
   */
  public WorkflowRecord redriven(String phase, int entry, long at) {
    return new WorkflowRecord(
        id,
        definition,
        version,
        data,
        phase,
        entry,
        WorkflowStatus.RUNNING,
        false,
        createdAt,
        at,
        priority);
  }
}
