package io.phaseflow.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One test per kind of structural error: each fixture in invalid-structure/ gives one error. */
class StructureErrorsTest {

  private static DefinitionError error(String fixture) {
    return Fixtures.onlyError("invalid-structure", fixture);
  }

  @Test
  void typoInAKeyIsUnknownWithDidYouMean() {
    DefinitionError error = error("unknown-key-typo");
    assertThat(error.path()).isEqualTo("$.phases.searching.transition_to");
    assertThat(error.message()).isEqualTo("phase 'searching' has an unknown key 'transition_to'");
    assertThat(error.hint()).isEqualTo("did you mean 'transitions_to'?");
  }

  @Test
  void typoAtTheTopLevel() {
    DefinitionError error = error("unknown-top-level-key");
    assertThat(error.path()).isEqualTo("$.descripton");
    assertThat(error.hint()).isEqualTo("did you mean 'description'?");
  }

  @Test
  void handlersMustBeAnArray() {
    DefinitionError error = error("handlers-not-array");
    assertThat(error.path()).isEqualTo("$.phases.searching.handlers");
    assertThat(error.message())
        .isEqualTo(
            "'handlers' of phase 'searching' must be an array, but is the string \"LocalSearcher\"");
    assertThat(error.hint()).contains("[\"MyHandler\"]");
  }

  @Test
  void isFinalMustBeABoolean() {
    DefinitionError error = error("is-final-not-boolean");
    assertThat(error.path()).isEqualTo("$.phases.finished.is_final");
    assertThat(error.message()).contains("must be a boolean, but is the string \"yes\"");
    assertThat(error.hint()).isEqualTo("use true or false, without quotes");
  }

  @Test
  void versionMustBeAPositiveInteger() {
    DefinitionError error = error("version-not-positive");
    assertThat(error.path()).isEqualTo("$.version");
    assertThat(error.message()).contains("whole number of at least 1, but is the number 0");
  }

  @Test
  void workflowIsRequired() {
    DefinitionError error = error("missing-workflow");
    assertThat(error.path()).isEqualTo("$");
    assertThat(error.message()).isEqualTo("the definition is missing the required key 'workflow'");
  }

  @Test
  void workflowNameIsRestrictedAndARenameIsSuggested() {
    DefinitionError error = error("workflow-name-with-space");
    assertThat(error.path()).isEqualTo("$.workflow");
    assertThat(error.message()).contains("'web search'");
    assertThat(error.hint()).contains("'web-search'");
  }

  @Test
  void anInvisibleHandlerNameIsRejectedAndSpelledOut() {
    DefinitionError error = error("handler-name-invisible");
    assertThat(error.path()).isEqualTo("$.phases.searching.handlers[0]");
    assertThat(error.message())
        .isEqualTo(
            "handler name '<U+200B>' has the character U+200B; names are letters, digits, '_',"
                + " '.', '-', at most 128 characters");
  }

  @Test
  void aHugeWorkflowNameIsRejectedWithoutRepeatingIt() {
    DefinitionError error = error("workflow-name-too-long");
    assertThat(error.path()).isEqualTo("$.workflow");
    assertThat(error.message())
        .startsWith("workflow name '" + "w".repeat(37) + "...' is 200 characters long")
        .hasSizeLessThan(200);
  }

  @Test
  void aPhaseNameWithASpaceIsRejected() {
    DefinitionError error = error("phase-name-with-space");
    assertThat(error.path()).isEqualTo("$.phases['fetching pages']");
    assertThat(error.message()).contains("the character ' ' U+0020");
    assertThat(error.hint()).isEqualTo("rename it, e.g. 'fetching-pages'");
  }

  @Test
  void maxTransitionsMustBeInRange() {
    DefinitionError error = error("max-transitions-zero");
    assertThat(error.path()).isEqualTo("$.max_transitions");
    assertThat(error.message())
        .isEqualTo(
            "'max_transitions' of the definition must be a whole number from 1 to 1,000,000,"
                + " but is the number 0");
  }

  @Test
  void phasesAndTasksTogetherAreRejected() {
    DefinitionError error = error("both-phases-and-tasks");
    assertThat(error.path()).isEqualTo("$");
    assertThat(error.message()).isEqualTo("the definition has both 'phases' and 'tasks'");
  }

  @Test
  void neitherPhasesNorTasksIsRejected() {
    assertThat(error("neither-phases-nor-tasks").message())
        .isEqualTo("the definition has neither 'phases' nor 'tasks'");
  }

  @Test
  void phasesMustNotBeEmpty() {
    DefinitionError error = error("phases-empty");
    assertThat(error.path()).isEqualTo("$.phases");
    assertThat(error.message()).isEqualTo("'phases' is empty");
  }

  @Test
  void handlerObjectNeedsAName() {
    DefinitionError error = error("handler-without-name");
    assertThat(error.path()).isEqualTo("$.phases.searching.handlers[0]");
    assertThat(error.message())
        .isEqualTo("a handler of phase 'searching' is missing the required key 'name'");
  }

  @Test
  void maxAttemptsMustBeAtLeastOne() {
    DefinitionError error = error("max-attempts-zero");
    assertThat(error.path()).isEqualTo("$.phases.searching.handlers[0].max_attempts");
    assertThat(error.message()).contains("handler 'LocalSearcher' of phase 'searching'");
  }

  @Test
  void forEachMustStartWithASlash() {
    DefinitionError error = error("for-each-without-slash");
    assertThat(error.path()).isEqualTo("$.phases.fetching-pages.handlers[0].for_each");
    assertThat(error.message())
        .contains("handler 'PageSummarizer' in phase 'fetching-pages'")
        .contains("must start with '/', e.g. /inputs/LocalSearcher/*/hits");
  }

  @Test
  void forEachMustReadDataOrInputs() {
    DefinitionError error = error("for-each-bad-root");
    assertThat(error.message()).contains("starts with '/input'");
    assertThat(error.hint()).isEqualTo("did you mean '/inputs'?");
  }

  @Test
  void forEachTildeMustBeEscaped() {
    DefinitionError error = error("for-each-bad-escape");
    assertThat(error.message())
        .contains("'~' not followed by 0 or 1 in segment 'Local~Searcher'")
        .contains("~0");
  }

  @Test
  void forEachMustNotBeEmpty() {
    assertThat(error("for-each-empty").message()).contains("pointer is empty");
  }

  @Test
  void keyedPhaseMustNotRepeatItsName() {
    DefinitionError error = error("name-in-keyed-phase");
    assertThat(error.path()).isEqualTo("$.phases.searching.name");
    assertThat(error.message()).contains("its name is its key in 'phases'");
  }

  @Test
  void arrayPhaseNeedsANameAndTheGapCausesNoFollowOnErrors() {
    DefinitionError error = error("array-phase-without-name");
    assertThat(error.path()).isEqualTo("$.phases[1]");
    assertThat(error.message())
        .isEqualTo("the phase at $.phases[1] is missing the required key 'name'");
  }

  @Test
  void taskNeedsAName() {
    assertThat(error("task-without-name").path()).isEqualTo("$.tasks[1]");
  }

  @Test
  void taskParentsMustBeAnArray() {
    DefinitionError error = error("task-parents-not-array");
    assertThat(error.path()).isEqualTo("$.tasks[1].parents");
    assertThat(error.message()).contains("'parents' of task 'b' must be an array");
  }

  @Test
  void dataMustBeAnObject() {
    assertThat(error("data-not-object").path()).isEqualTo("$.data");
  }

  @Test
  void aTaskReadsWhatRanBeforeItByTaskNameNotFromInputs() {
    DefinitionError error = error("task-for-each-inputs");
    assertThat(error.path()).isEqualTo("$.tasks[1].for_each");
    assertThat(error.message())
        .isEqualTo(
            "for_each pointer '/inputs/split/sections' of task 'count' starts with '/inputs', but"
                + " a task's for_each can only read /data or /outputs/<task>");
    assertThat(error.hint()).contains("/outputs/<ancestor task>/");
  }
}
