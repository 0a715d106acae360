package io.phaseflow.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which arguments Phaseflow follows when a queue exists with others, from RabbitMQ 3.10's own
 * refusals (copied from a broker).
 */
class QueueArgumentsTest {
  private static final String PREFIX = "PRECONDITION_FAILED - inequivalent arg '";
  private static final QueueArguments QUORUM_UNBALANCED =
      new QueueArguments(Map.of("x-queue-type", "quorum"));

  @ParameterizedTest(name = "{0} declared, broker says {1} → {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "quorum  | x-queue-type' for queue 'q' in vhost '/': received the value 'quorum' of type"
            + " 'longstr' but current is none | classic",
        "classic | x-queue-type' for queue 'q' in vhost '/': received none but current is the value"
            + " 'quorum' of type 'longstr' | quorum",
        "quorum  | x-queue-leader-locator' for queue 'q' in vhost '/': received the value 'balanced'"
            + " of type 'longstr' but current is none | quorum-unbalanced",
        "classic | x-queue-type' for queue 'q' in vhost '/': received none but current is the value"
            + " 'stream' of type 'longstr' | refused",
        "quorum  | x-max-length' for queue 'q' in vhost '/': received none but current is the value"
            + " '5' of type 'long' | refused",
        "classic | x-queue-leader-locator' for queue 'q' in vhost '/': received none but current is"
            + " the value 'balanced' of type 'longstr' | refused",
        "classic | x-queue-mode' for queue 'q' in vhost '/': received the value 'lazy' of type"
            + " 'longstr' but current is none | classic-modeless",
        "classic | x-queue-mode' for queue 'q' in vhost '/': received the value 'lazy' of type"
            + " 'longstr' but current is the value 'default' of type 'longstr' | classic-default",
        "quorum  | x-queue-mode' for queue 'q' in vhost '/': received none but current is the value"
            + " 'lazy' of type 'longstr' | classic",
        "quorum  | x-queue-mode' for queue 'q' in vhost '/': received the value 'lazy' of type"
            + " 'longstr' but current is none | refused",
      })
  void followsTheExistingQueueTypeLeaderLocatorAndMode(
      String declared, String reply, String expected) {
    QueueArguments arguments = QueueArguments.of(declared.equals("quorum"));

    Optional<QueueArguments> followed = arguments.following(PREFIX + reply);

    switch (expected) {
      case "classic" -> assertThat(followed).contains(QueueArguments.CLASSIC);
      case "quorum" -> assertThat(followed).contains(QueueArguments.QUORUM);
      case "quorum-unbalanced" -> assertThat(followed).contains(QUORUM_UNBALANCED);
      case "classic-modeless" -> assertThat(followed).contains(new QueueArguments(Map.of()));
      case "classic-default" ->
          assertThat(followed).contains(new QueueArguments(Map.of("x-queue-mode", "default")));
      default -> assertThat(followed).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "phaseflow.job-finished, phaseflow.dead-letter",
    "phaseflow.handler.Fetch.v1, phaseflow.dead-letter",
    "phaseflow.dead-letter, phaseflow.dead-letter",
    "ns1.phaseflow.job-finished, ns1.phaseflow.dead-letter",
    "ns1.phaseflow.handler.Fetch.v2, ns1.phaseflow.dead-letter",
    "ns1.phaseflow.dead-letter, ns1.phaseflow.dead-letter",
    "phaseflow.phaseflow.workflow-start, phaseflow.phaseflow.dead-letter",
    "orders, orders",
    "a.b.c, a.b.c",
  })
  void aQueueTakesItsTypeFromItsNamespacesDeadLetterQueue(String queue, String marker) {
    assertThat(QueueDeclarer.markerOf(queue)).isEqualTo(marker);
  }

  @org.junit.jupiter.api.Test
  void quorumQueuesSpreadTheirLeadersOverTheNodes() {
    assertThat(QueueArguments.of(true).forDeclare())
        .containsEntry("x-queue-type", "quorum")
        .containsEntry("x-queue-leader-locator", "balanced");
    assertThat(QueueArguments.of(false).forDeclare())
        .containsExactly(Map.entry("x-queue-mode", "lazy"));
  }
}
