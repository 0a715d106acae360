package io.phaseflow.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  private static final List<String> KEYS =
      List.of("is_initial", "is_final", "transitions_to", "on_error_transition_to", "handlers");

  @Test
  void findsTyposSwapsCaseAndDashes() {
    assertThat(Suggestions.closest("transition_to", KEYS)).contains("transitions_to");
    assertThat(Suggestions.closest("is_inital", KEYS)).contains("is_initial");
    assertThat(Suggestions.closest("is_fianl", KEYS)).contains("is_final");
    assertThat(Suggestions.closest("Is-Final", KEYS)).contains("is_final");
    assertThat(Suggestions.closest("handler", KEYS)).contains("handlers");
  }

  @Test
  void doesNotGuessWildly() {
    assertThat(Suggestions.closest("payload", KEYS)).isEmpty();
    assertThat(Suggestions.closest("b", List.of("a"))).isEmpty();
    assertThat(Suggestions.hint("payload", List.of("x", "y"), "allowed keys are"))
        .isEqualTo("allowed keys are: 'x', 'y'");
  }
}
