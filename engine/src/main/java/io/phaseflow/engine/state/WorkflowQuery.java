package io.phaseflow.engine.state;

import io.phaseflow.engine.RejectedInput;

/**
 * A page of workflows to list, newest first.
 *
 * @param definition only workflows of this definition; null for all
 * @param status only workflows that stand so
 * @param limit at most this many, 1 to {@value #MAX_LIMIT}
 * @param after the {@link WorkflowPage#next()} cursor of the previous page; null for the first
 */
public record WorkflowQuery(String definition, StatusFilter status, int limit, String after) {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 500;

  public WorkflowQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new RejectedInput(
          "limit " + limit + " is out of range; ask for 1 to " + MAX_LIMIT + " workflows a page");
    }
    if (after != null && !ListingKey.valid(after)) {
      throw new RejectedInput(
          "cursor '" + after + "' is not one this server gave out; pass the 'next' of a page");
    }
    status = status == null ? StatusFilter.ANY : status;
    definition = definition == null || definition.isBlank() ? null : definition;
  }

  /** The first page of every workflow. */
  public static WorkflowQuery all() {
    return new WorkflowQuery(null, StatusFilter.ANY, DEFAULT_LIMIT, null);
  }

  public WorkflowQuery withAfter(String cursor) {
    return new WorkflowQuery(definition, status, limit, cursor);
  }

  public boolean matches(WorkflowRecord wf) {
    return (definition == null || definition.equals(wf.definition()))
        && status.matches(wf.status());
  }
}
