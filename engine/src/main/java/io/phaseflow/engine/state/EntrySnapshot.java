package io.phaseflow.engine.state;

import java.util.List;

/**
 * A workflow together with one of its entries and that entry's jobs, read at once (one round trip
 * in Redis): what the transition service needs to decide.
 *
 * @param workflow the workflow as it is now
 * @param entry the entry asked for
 * @param jobs its jobs, by index
 */
public record EntrySnapshot(WorkflowRecord workflow, EntryRecord entry, List<JobRecord> jobs) {
  public EntrySnapshot {
    jobs = List.copyOf(jobs);
  }
}
