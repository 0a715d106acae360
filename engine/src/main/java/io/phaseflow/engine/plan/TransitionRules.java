package io.phaseflow.engine.plan;

import io.phaseflow.engine.definition.Edge;

/**
 * Decides, purely, where a workflow goes when a phase entry closes. The outcome of a workflow is a
 * failure when it ends in a phase that failed, or in a final phase it reached through an error edge
 * (an error phase whose own handlers ran fine is still a failed workflow).
 */
public final class TransitionRules {

  private TransitionRules() {}

  /**
   * @param table the workflow's transition table
   * @param phase the phase whose entry closed
   * @param succeeded whether every job of the entry succeeded
   * @param reachedByError whether the workflow has taken an error edge on its way to {@code phase}
   * @param entry the number of the entry that closed: the first is 1, and each move into a next
   *     phase opens the next number, so entering another phase would be move number {@code entry}
   */
  public static Decision decide(
      TransitionTable table, String phase, boolean succeeded, boolean reachedByError, int entry) {
    if (table.isFinal(phase)) {
      return new Decision.Finish(succeeded && !reachedByError);
    }
    String next = table.target(phase, succeeded ? Edge.Kind.NEXT : Edge.Kind.ERROR);
    if (next == null) {
      return new Decision.Finish(false);
    }
    if (entry > table.maxTransitions()) {
      return new Decision.Finish(false, limitReached(table.maxTransitions(), phase, next));
    }
    return new Decision.Enter(next, !succeeded);
  }

  static String limitReached(int limit, String phase, String next) {
    return String.format(
        "reached the limit of %,d transitions (max_transitions) and did not enter '%s' after"
            + " '%s': the workflow loops; fix the loop, or raise max_transitions in the"
            + " definition if it really needs more",
        limit, next, phase);
  }
}
