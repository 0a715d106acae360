package io.phaseflow.engine.state;

/**
 * Why a history line was written. Its {@link #wire() wire text} is what Redis stores, the JSON API
 * returns and the CLI prints; it is spelled only here.
 */
public enum TransitionReason {
  /** The workflow was created in its first phase. */
  STARTED("started"),
  /** Every job of the entry that ended succeeded. */
  SUCCEEDED("succeeded"),
  /** A job of the entry failed, or the workflow stopped at its transition limit. */
  FAILED("failed");

  private final String wire;

  TransitionReason(String wire) {
    this.wire = wire;
  }

  /** The text stored and shown, e.g. {@code failed}. */
  public String wire() {
    return wire;
  }

  /** The reason for how an entry ended. */
  public static TransitionReason of(boolean failed) {
    return failed ? FAILED : SUCCEEDED;
  }

  /**
   * The reason a stored line names.
   *
   * @throws IllegalArgumentException naming the text when it is none of the three
   */
  public static TransitionReason fromWire(String text) {
    for (TransitionReason r : values()) {
      if (r.wire.equals(text)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "unknown transition reason '"
            + text
            + "' in a stored history line; expected started, succeeded or failed (was it written"
            + " by a newer Phaseflow?)");
  }
}
