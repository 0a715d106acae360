package io.phaseflow.handlers.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Priority spellings and the handler queue of each priority, as tables. */
class QueuesTest {

  @Test
  void eachPriorityHasItsQueueAndNormalKeepsTheNameQueuesHadBefore() {
    Map<Priority, String> expected =
        Map.of(
            Priority.HIGH, "phaseflow.handler.PageSummarizer.v2.high",
            Priority.NORMAL, "phaseflow.handler.PageSummarizer.v2",
            Priority.LOW, "phaseflow.handler.PageSummarizer.v2.low");
    expected.forEach(
        (p, queue) ->
            assertThat(Queues.handler("PageSummarizer", 2, p)).as(p.name()).isEqualTo(queue));
    assertThat(Queues.handler("PageSummarizer", 2, Priority.NORMAL))
        .isEqualTo(Queues.handler("PageSummarizer", 2));
    assertThat(Queues.handlerByPriority("PageSummarizer", 2))
        .containsExactly(
            "phaseflow.handler.PageSummarizer.v2.high",
            "phaseflow.handler.PageSummarizer.v2",
            "phaseflow.handler.PageSummarizer.v2.low");
  }

  @Test
  void aHandlersNormalQueueComesWithItsPrioritySiblingsAndOtherQueuesAlone() {
    assertThat(Queues.withPrioritySiblings("phaseflow.handler.Noop.v1"))
        .containsExactly(
            "phaseflow.handler.Noop.v1.high",
            "phaseflow.handler.Noop.v1",
            "phaseflow.handler.Noop.v1.low");
    assertThat(Queues.withPrioritySiblings("phaseflow.handler.Noop.v1.high"))
        .containsExactly("phaseflow.handler.Noop.v1.high");
    assertThat(Queues.withPrioritySiblings(Queues.JOB_FINISHED))
        .containsExactly(Queues.JOB_FINISHED);
  }

  @Test
  void prioritiesParseInAnyCaseAndNothingIsNormal() {
    Map<String, Priority> table =
        Map.of(
            "high", Priority.HIGH,
            "HIGH", Priority.HIGH,
            " Normal ", Priority.NORMAL,
            "low", Priority.LOW,
            "", Priority.NORMAL);
    table.forEach((text, p) -> assertThat(Priority.parse(text)).as("'" + text + "'").isEqualTo(p));
    assertThat(Priority.parse(null)).isEqualTo(Priority.NORMAL);
    assertThat(Priority.HIGH.wire()).isEqualTo("high");
  }

  @Test
  void anUnknownPriorityNamesTheAcceptedOnes() {
    assertThatThrownBy(() -> Priority.parse("urgent"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown priority 'urgent'; expected one of high, normal, low");
  }
}
