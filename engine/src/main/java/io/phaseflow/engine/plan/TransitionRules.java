package io.phaseflow.engine.plan;

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
   */
  public static Decision decide(
      TransitionTable table, String phase, boolean succeeded, boolean reachedByError) {
    TransitionTable.Row row = table.row(phase);
    if (row.isFinal()) {
      return new Decision.Finish(succeeded && !reachedByError);
    }
    if (succeeded) {
      return new Decision.Enter(row.onSuccess(), false);
    }
    return row.onError() == null
        ? new Decision.Finish(false)
        : new Decision.Enter(row.onError(), true);
  }
}
