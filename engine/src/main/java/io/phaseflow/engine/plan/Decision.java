package io.phaseflow.engine.plan;

/** What the transition rules decided when a phase entry closed. */
public sealed interface Decision {

  /** Enter {@code phase} next; {@code viaError} when taken on failure. */
  record Enter(String phase, boolean viaError) implements Decision {}

  /** End the workflow; {@code succeeded} is the workflow's outcome. */
  record Finish(boolean succeeded) implements Decision {}
}
