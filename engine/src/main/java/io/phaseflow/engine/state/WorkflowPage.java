package io.phaseflow.engine.state;

import java.util.List;

/**
 * One page of a listing, newest first.
 *
 * @param workflows the workflows on it
 * @param next the cursor for the page after it; null when this is the last
 */
public record WorkflowPage(List<WorkflowRecord> workflows, String next) {
  public WorkflowPage {
    workflows = List.copyOf(workflows);
  }
}
