package io.phaseflow.bench;

/** One thing the chaos check found wrong, named by kind and by the workflow it concerns. */
record Violation(Kind kind, String workflow, String detail) {
  enum Kind {
    /** Fewer starts returned than the run meant to start, within its timeout. */
    NOT_STARTED,
    /** The starter was told the workflow started, and it is not in Redis. */
    LOST,
    /** Still running when the run's time was up. */
    NOT_FINAL,
    /** An entry up to the workflow's current one has no hash. */
    MISSING_ENTRY,
    /** A finished workflow's entry still has open jobs or no closing time. */
    OPEN_ENTRY,
    /** A transition that does not continue from where the previous one (or its entry) left. */
    HISTORY_GAP,
    /** A transition recorded twice, or more transitions than phase entries. */
    DUPLICATE_TRANSITION,
    /** Fewer transitions than closed phase entries. */
    MISSING_TRANSITION,
    /** An entry's jobs differ from its phase's fan-out, or were counted more than once. */
    JOB_COUNT,
    /** A finished workflow's key without a time to live. */
    NO_RETENTION,
    /** Messages in a dead-letter queue. */
    DEAD_LETTERS
  }

  @Override
  public String toString() {
    return kind + " " + workflow + ": " + detail;
  }
}
