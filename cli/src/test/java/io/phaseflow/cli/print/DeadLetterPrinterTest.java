package io.phaseflow.cli.print;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.dead.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterPrinterTest {
  private static final long AT = 1_764_230_352_000L; // 2025-11-27 07:59:12 UTC

  private static DeadLetters.Letter letter(String id, String reason, String body) {
    return new DeadLetters.Letter(
        id, "ns.phaseflow.workflow-start", reason, AT, 0, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aListingIsATableOldestFirstSayingHowManyMoreWait() {
    String text =
        DeadLetterPrinter.list(
            new DeadLetters.Page(
                List.of(letter("d-1", "definition 'late'\nhas no version 1", "{}")), 3),
            "queue q");

    assertThat(text.lines().toList())
        .containsExactly(
            "ID             DEAD-LETTERED        QUEUE                                     REASON",
            "d-1            2025-11-27 07:59:12  ns.phaseflow.workflow-start               definition"
                + " 'late' has no version 1",
            "... and 2 more (--limit N shows more)");
    assertThat(DeadLetterPrinter.list(new DeadLetters.Page(List.of(), 0), "queue q"))
        .isEqualTo("no dead letters in queue q\n");
  }

  @Test
  void oneLetterShowsItsBodyCutWithItsSize() {
    String text = DeadLetterPrinter.show(letter("d-2", "bad", "x".repeat(5_000)));

    assertThat(text)
        .startsWith("dead letter   d-2\nqueue         ns.phaseflow.workflow-start\n")
        .contains("dead-lettered 2025-11-27 07:59:12\n")
        .contains("reason        bad\n")
        .endsWith("x".repeat(10) + "… (5,000 bytes)\n");
  }
}
