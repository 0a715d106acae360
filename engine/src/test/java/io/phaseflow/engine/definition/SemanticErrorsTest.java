package io.phaseflow.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

/**
 * One test per rule only the loader can check: each fixture in invalid-semantic/ passes the schema
 * and gives exactly one error here.
 */
class SemanticErrorsTest {

  private static DefinitionError error(String fixture) {
    return Fixtures.onlyError("invalid-semantic", fixture);
  }

  @Test
  void transitionToAnUndefinedPhaseSuggestsTheClosest() {
    DefinitionError error = error("unknown-transition-target");
    assertThat(error.path()).isEqualTo("$.phases.fetching-pages.transitions_to");
    assertThat(error.message())
        .isEqualTo(
            "phase 'fetching-pages' has transitions_to 'finishd', but there is no phase 'finishd'");
    assertThat(error.hint()).isEqualTo("did you mean 'finished'?");
  }

  @Test
  void errorTransitionToAnUndefinedPhase() {
    DefinitionError error = error("unknown-error-target");
    assertThat(error.path()).isEqualTo("$.phases.searching.on_error_transition_to");
    assertThat(error.hint()).isEqualTo("did you mean 'error'?");
  }

  @Test
  void noInitialPhasePointsAtTheLikelyStart() {
    DefinitionError error = error("no-initial-phase");
    assertThat(error.path()).isEqualTo("$.phases");
    assertThat(error.message()).contains("no phase is marked \"is_initial\": true");
    assertThat(error.hint()).contains("no transition leads to 'pending'");
  }

  @Test
  void severalInitialPhasesAreAllNamed() {
    DefinitionError error = error("several-initial-phases");
    assertThat(error.message())
        .startsWith("3 phases are marked \"is_initial\": true: 'pending', 'searching', 'error'");
  }

  @Test
  void unreachablePhaseIsNamed() {
    DefinitionError error = error("unreachable-phase");
    assertThat(error.path()).isEqualTo("$.phases.archive");
    assertThat(error.message())
        .startsWith("phase 'archive' is unreachable")
        .contains("initial phase 'pending'");
  }

  @Test
  void aGraphWithoutAFinalPhaseNamesEveryPhaseThatLoops() {
    DefinitionError error = error("no-final-phase");
    assertThat(error.path()).isEqualTo("$.phases");
    assertThat(error.message())
        .startsWith("no phase is marked \"is_final\": true, so a workflow can never finish")
        .contains("'pending', 'searching', 'fetching-pages', 'error', 'finished'")
        .contains("max_transitions");
    assertThat(error.hint()).contains("\"is_final\": true");
  }

  @Test
  void phasesThatCanNeverReachAFinalPhaseAreNamed() {
    DefinitionError error = error("loop-without-exit");
    assertThat(error.path()).isEqualTo("$.phases.wait");
    assertThat(error.message())
        .startsWith("2 phases 'wait', 'check' can never reach a final phase")
        .contains("transitions_to and on_error_transition_to");
    assertThat(error.hint()).contains("'error'");
  }

  @Test
  void finalPhaseMustNotTransition() {
    DefinitionError error = error("final-with-transitions-to");
    assertThat(error.path()).isEqualTo("$.phases.finished.transitions_to");
    assertThat(error.message()).startsWith("phase 'finished' is final but has 'transitions_to'");
  }

  @Test
  void finalPhaseMustNotHaveAnErrorTransition() {
    assertThat(error("final-with-on-error-transition").path())
        .isEqualTo("$.phases.finished.on_error_transition_to");
  }

  @Test
  void nonFinalPhaseNeedsTransitionsTo() {
    DefinitionError error = error("non-final-without-transitions-to");
    assertThat(error.path()).isEqualTo("$.phases.searching");
    assertThat(error.message())
        .startsWith("phase 'searching' is not final but has no 'transitions_to'");
    assertThat(error.hint()).contains("\"is_final\": true");
  }

  @Test
  void forEachMayOnlyReadHandlersOfPhasesThatLeadHere() {
    DefinitionError error = error("for-each-non-predecessor");
    assertThat(error.path()).isEqualTo("$.phases.fetching-pages.handlers[0].for_each");
    assertThat(error.message())
        .contains("reads the output of handler 'ErrorReporter'")
        .contains("no phase that transitions into 'fetching-pages' runs it");
    assertThat(error.hint()).contains("'LocalSearcher' (phase 'searching')");
  }

  @Test
  void initialPhaseHasNoInputs() {
    DefinitionError error = error("for-each-inputs-in-initial-phase");
    assertThat(error.path()).isEqualTo("$.phases.pending.handlers[0].for_each");
    assertThat(error.message()).contains("is the initial phase: nothing has run before it");
  }

  @Test
  void forEachOverAllOfDataIsNeverAnArray() {
    assertThat(error("for-each-whole-data").message()).contains("selects all of /data");
  }

  @Test
  void duplicatePhaseNameInArrayForm() {
    DefinitionError error = error("duplicate-phase-name");
    assertThat(error.path()).isEqualTo("$.phases[2].name");
    assertThat(error.message())
        .isEqualTo("phase name 'end' is used twice: at $.phases[1] and at $.phases[2]");
  }

  @Test
  void duplicateJsonKeyIsLocatedWithLine() {
    DefinitionError error = error("duplicate-json-key");
    assertThat(error.path()).isEqualTo("$.phases.searching.transitions_to");
    assertThat(error.message())
        .isEqualTo(
            "duplicate key 'transitions_to' in $.phases.searching (again at line 11, column 7)");
  }

  @Test
  void sameHandlerVersionTwiceInOnePhase() {
    DefinitionError error = error("duplicate-handler-in-phase");
    assertThat(error.path()).isEqualTo("$.phases.searching.handlers[1]");
    assertThat(error.message()).contains("lists handler 'LocalSearcher' version 1 twice");
  }

  @Test
  void duplicateTaskName() {
    DefinitionError error = error("duplicate-task-name");
    assertThat(error.path()).isEqualTo("$.tasks[2].name");
    assertThat(error.message()).contains("task name 'a' is used twice");
  }

  @Test
  void unknownParentSuggestsTheClosestTask() {
    DefinitionError error = error("task-unknown-parent");
    assertThat(error.path()).isEqualTo("$.tasks[1].parents[0]");
    assertThat(error.message())
        .isEqualTo("task 'count' lists 'splt' in its parents, but there is no task named 'splt'");
    assertThat(error.hint()).isEqualTo("did you mean 'split'?");
  }

  @Test
  void unknownChild() {
    DefinitionError error = error("task-unknown-child");
    assertThat(error.path()).isEqualTo("$.tasks[0].children[0]");
    assertThat(error.hint()).isEqualTo("did you mean 'count'?");
  }

  @Test
  void selfDependency() {
    DefinitionError error = error("task-self-dependency");
    assertThat(error.path()).isEqualTo("$.tasks[0].depends[0]");
    assertThat(error.message()).isEqualTo("task 'a' lists itself in its depends");
  }

  @Test
  void eachDistinctCycleIsReportedOnceInOrder() {
    DefinitionException rejected = Fixtures.rejected("invalid-semantic", "task-cycle");
    assertThat(rejected.errors())
        .extracting(DefinitionError::path, e -> e.message().substring(0, e.message().indexOf(" (")))
        .containsExactly(
            tuple("$.tasks[1]", "tasks form a cycle: a → b → c → a"),
            tuple("$.tasks[4]", "tasks form a cycle: d → e → d"));
    assertThat(rejected.errors().get(0).hint()).contains("'a' no longer wait for 'c'");
  }

  @Test
  void aTasksForEachGoesOnTheTaskNotOnItsHandler() {
    DefinitionError error = error("task-for-each");
    assertThat(error.path()).isEqualTo("$.tasks[2].handler.for_each");
    assertThat(error.message())
        .isEqualTo(
            "task 'count' has a for_each in its handler, but a task's for_each goes on the task");
    assertThat(error.hint())
        .contains("{\"name\": \"count\", \"for_each\": \"/inputs/other/*/sections\"");
  }

  @Test
  void aTaskFansOutOnlyOverTheOutputOfATaskThatRunsBeforeIt() {
    DefinitionError error = error("task-for-each-not-before");
    assertThat(error.path()).isEqualTo("$.tasks[2].for_each");
    assertThat(error.message())
        .isEqualTo(
            "for_each of task 'count' reads the output of task 'other', but that task does not"
                + " run before it (it is not among its parents or their ancestors)");
    assertThat(error.hint()).contains("the tasks that run before it are 'split'");
  }

  @Test
  void aTaskFanningOutOverOutputsCannotDirectlyFollowAFanOut() {
    DefinitionError error = error("task-for-each-after-for-each");
    assertThat(error.path()).isEqualTo("$.tasks[2].for_each");
    assertThat(error.message()).contains("its parent 'count' has a for_each itself");
    assertThat(error.hint()).contains("put a task between them");
  }

  @Test
  void aForEachReadsTheOutputsOfAPhaseThatCanRunBeforeIt() {
    DefinitionError error = error("for-each-outputs-not-before");
    assertThat(error.path()).isEqualTo("$.phases[1].handlers[0].for_each");
    assertThat(error.message())
        .isEqualTo(
            "for_each of handler 'SectionCounter' in phase 'counting' reads the outputs of phase"
                + " 'done', but no path of transitions leads from it to 'counting'");
    assertThat(error.hint()).isEqualTo("the phases that can run before it are 'splitting'");
  }

  @Test
  void aForEachOverAnEarlierPhaseNamesOneOfItsHandlers() {
    DefinitionError error = error("for-each-outputs-unknown-handler");
    assertThat(error.message()).contains("handler 'BookSpliter' of phase 'splitting'");
    assertThat(error.hint()).isEqualTo("did you mean 'BookSplitter'?");
  }

  @Test
  void inputsFromNamesAPhaseThatCanRunBeforeIt() {
    DefinitionError error = error("inputs-from-not-before");
    assertThat(error.path()).isEqualTo("$.phases[1].handlers[0].inputs_from[0]");
    assertThat(error.message())
        .isEqualTo(
            "inputs_from of handler 'SectionCounter' in phase 'counting' names phase 'spliting',"
                + " but no path of transitions leads from a phase of that name to 'counting'");
    assertThat(error.hint())
        .isEqualTo("did you mean 'splitting'? the phases that can run before it are 'splitting'");
  }
}
