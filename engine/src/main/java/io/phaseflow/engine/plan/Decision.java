package io.phaseflow.engine.plan;

/** What the transition rules decided when a phase entry closed. */
public sealed interface Decision {

  /** Enter {@code phase} next; {@code viaError} when taken on failure. */
  record Enter(String phase, boolean viaError) implements Decision {}

  /**
   * End the workflow; {@code succeeded} is the workflow's outcome.
   *
   * @param error why it ends failed although the entry did not say so (the transition limit), or
   *     null: the entry's own error, if any, is the reason
   */
  record Finish(boolean succeeded, String error) implements Decision {
    public Finish(boolean succeeded) {
      this(succeeded, null);
    }
  }
}
