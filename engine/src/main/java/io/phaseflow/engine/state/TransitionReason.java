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
  FAILED("failed"),
  /** A person paused the workflow. */
  PAUSED("paused"),
  /** A person resumed a paused workflow. */
  RESUMED("resumed"),
  /** A person canceled the workflow: it ended. */
  CANCELED("canceled"),
  /** A person ran a failed workflow again from the phase whose jobs failed. */
  REDRIVEN("redriven");

  private final String wire;

  TransitionReason(String wire) {
    this.wire = wire;
  }

  /** The text stored and shown, e.g. {@code failed}. */
  public String wire() {
    return wire;
  }

  /** Whether a person caused the line (pause, resume, cancel, redrive). */
  public boolean control() {
    return this == PAUSED || this == RESUMED || this == CANCELED || this == REDRIVEN;
  }

  /** The reason for how an entry ended. */
  public static TransitionReason of(boolean failed) {
    return failed ? FAILED : SUCCEEDED;
  }

  /**
   * The reason a stored line names.
   *
   * @throws IllegalArgumentException naming the text when it is none of these
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
            + "' in a stored history line; expected one of "
            + java.util.Arrays.stream(values()).map(TransitionReason::wire).toList()
            + " (was it written by a newer Phaseflow?)");
  }
}
