package io.phaseflow.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.ServerUnavailable;
import io.phaseflow.engine.StateConflict;
import io.phaseflow.handlers.protocol.Messages;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a bus does with a delivery whose consumer threw, as a table. */
class FailedDeliveryTest {
  private static final int MAX = FailedDelivery.MAX_FAILURES;

  static Stream<Arguments> table() {
    Exception malformed = new Messages.MalformedMessageException("JobFinished without workflowId");
    Exception transientFailure = new ServerUnavailable("Redis at redis://h failed");
    Exception refused = new StateConflict("queue exists with other settings");
    Exception bug = new NullPointerException("boom");
    return Stream.of(
        // exception, failures before, kind, failures after, reason contains
        Arguments.of(malformed, 0, FailedDelivery.Kind.DEAD_LETTER, 0, "without workflowId"),
        Arguments.of(malformed, 4, FailedDelivery.Kind.DEAD_LETTER, 4, "without workflowId"),
        Arguments.of(transientFailure, 0, FailedDelivery.Kind.REDELIVER, 0, null),
        Arguments.of(transientFailure, MAX + 50, FailedDelivery.Kind.REDELIVER, MAX + 50, null),
        Arguments.of(bug, 0, FailedDelivery.Kind.REDELIVER_COUNTED, 1, null),
        Arguments.of(bug, MAX - 2, FailedDelivery.Kind.REDELIVER_COUNTED, MAX - 1, null),
        Arguments.of(
            bug,
            MAX - 1,
            FailedDelivery.Kind.DEAD_LETTER,
            MAX,
            "failed " + MAX + " deliveries, the last with java.lang.NullPointerException: boom"),
        Arguments.of(bug, MAX + 3, FailedDelivery.Kind.DEAD_LETTER, MAX + 4, "NullPointer"),
        Arguments.of(refused, MAX - 1, FailedDelivery.Kind.DEAD_LETTER, MAX, "other settings"));
  }

  @ParameterizedTest(name = "[{index}] {0} after {1}")
  @MethodSource("table")
  void decides(Exception e, int before, FailedDelivery.Kind kind, int after, String reason) {
    FailedDelivery d = FailedDelivery.decide(e, before);

    assertThat(d.kind()).isEqualTo(kind);
    assertThat(d.failures()).isEqualTo(after);
    if (reason != null) {
      assertThat(d.reason()).contains(reason);
    }
  }

  static Stream<Arguments> headers() {
    return Stream.of(
        Arguments.of(null, 0),
        Arguments.of(3, 3),
        Arguments.of(4L, 4),
        Arguments.of("7", 7),
        Arguments.of("x", 0),
        Arguments.of(-2, 0));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("headers")
  void readsTheCountFromAHeaderOfAnyType(Object header, int failures) {
    assertThat(FailedDelivery.failures(header)).isEqualTo(failures);
  }
}
