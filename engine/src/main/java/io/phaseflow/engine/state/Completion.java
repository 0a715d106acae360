package io.phaseflow.engine.state;

import java.util.List;

/**
 * What recording a job's end did.
 *
 * @param outcome whether the end was new
 * @param ready jobs that are (still) ready to run because of this job: to dispatch
 * @param entryClosed whether the entry is closed (also true for a repeat after it closed, so that a
 *     lost PhaseFinished is sent again)
 */
public record Completion(Outcome outcome, List<JobRecord> ready, boolean entryClosed) {

  /** How a job's end compared with what was stored. */
  public enum Outcome {
    /** First end of the current attempt: stored. */
    RECORDED,
    /** The job had already ended: nothing changed. */
    DUPLICATE,
    /** An end of an attempt that is no longer current, or of an entry the workflow left. */
    STALE,
    /** The workflow was canceled: the late result is dropped, nothing changed. */
    DROPPED
  }
}
