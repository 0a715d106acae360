package io.phaseflow.engine.schedule;

/**
 * What a schedule did at one tick: fired ({@code workflow} is the id of the workflow it started) or
 * skipped ({@code note} says why). {@code tick} is the cron time, {@code at} when an engine acted
 * (epoch ms). Immutable.
 */
public record Firing(long tick, long at, Outcome outcome, String workflow, String note) {
  /** Fired or skipped. */
  public enum Outcome {
    FIRED,
    SKIPPED
  }

  public static Firing fired(long tick, long at, String workflow) {
    return new Firing(tick, at, Outcome.FIRED, workflow, null);
  }

  public static Firing skipped(long tick, long at, String note) {
    return new Firing(tick, at, Outcome.SKIPPED, null, note);
  }
}
