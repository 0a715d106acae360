package io.phaseflow.cli.print;

/**
 * What {@code start --wait} prints to stderr while it waits: how many of the workflows it started
 * have ended, and how. Pure.
 */
public final class WaitProgress {
  private WaitProgress() {}

  /**
   * {@code waited 12.0 s: 3 succeeded, 1 failed, 6 running of 10}; "running" counts every workflow
   * not yet seen ended (the waiter reads them in start order).
   */
  public static String line(int succeeded, int failed, int total, long elapsedMillis) {
    return "waited "
        + TimeFormat.duration(elapsedMillis)
        + ": "
        + succeeded
        + " succeeded, "
        + failed
        + " failed, "
        + (total - succeeded - failed)
        + " running of "
        + total;
  }
}
