package io.phaseflow.engine.state;

import java.util.List;

/** An entry and its jobs, read together (one round trip in Redis). */
public record EntrySnapshot(EntryRecord entry, List<JobRecord> jobs) {
  public EntrySnapshot {
    jobs = List.copyOf(jobs);
  }
}
