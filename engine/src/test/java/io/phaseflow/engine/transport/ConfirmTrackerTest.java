package io.phaseflow.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.transport.ConfirmTracker.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When an input may be acked: only once every message published while handling it is confirmed. */
class ConfirmTrackerTest {
  private final ConfirmTracker tracker = new ConfirmTracker();

  @Test
  void aDeliveryThatPublishedNothingIsAckedAtOnce() {
    assertThat(tracker.completed(tracker.epoch(), 7, 1, 1)).isEqualTo(Outcome.ACK);
  }

  @Test
  void aDeliveryWaitsForEveryConfirmOfItsPublishes() {
    tracker.published(1);
    tracker.published(2);
    assertThat(tracker.completed(0, 10, 1, 3)).isEqualTo(Outcome.DEFERRED);

    assertThat(tracker.confirmed(2, false).isEmpty()).isTrue();
    assertThat(tracker.confirmed(1, false).acks()).containsExactly(10L);
    assertThat(tracker.deferred()).isZero();
  }

  @Test
  void aMultipleConfirmSettlesSeveralDeliveries() {
    tracker.published(1);
    tracker.completed(0, 10, 1, 2);
    tracker.published(2);
    tracker.published(3);
    tracker.completed(0, 11, 2, 4);
    tracker.published(4);
    tracker.completed(0, 12, 4, 5);

    assertThat(tracker.confirmed(3, true).acks()).containsExactly(10L, 11L);
    assertThat(tracker.confirmed(4, true).acks()).containsExactly(12L);
  }

  @Test
  void confirmsArrivingBeforeTheHandlerReturnedCountToo() {
    tracker.published(1);
    tracker.confirmed(1, false);

    assertThat(tracker.completed(0, 10, 1, 2)).isEqualTo(Outcome.ACK);
  }

  @Test
  void aLaterDeliveryWithoutPublishesDoesNotWaitForAnEarlierOne() {
    tracker.published(1);
    tracker.completed(0, 10, 1, 2);

    assertThat(tracker.completed(0, 11, 2, 2)).isEqualTo(Outcome.ACK);
  }

  @Test
  void aRefusedFollowUpRejectsItsInputSoThatItIsRedelivered() {
    tracker.published(1);
    tracker.published(2);
    tracker.completed(0, 10, 1, 3);
    tracker.published(3);
    tracker.completed(0, 11, 3, 4);

    ConfirmTracker.Settled settled = tracker.refused(1, false);
    assertThat(settled.nacks()).containsExactly(10L);
    assertThat(settled.acks()).isEmpty();
    assertThat(tracker.confirmed(3, true).acks()).containsExactly(11L);
  }

  @Test
  void aRefusalDuringHandlingRejectsWhenTheHandlerReturns() {
    tracker.published(1);
    tracker.refused(1, true);

    assertThat(tracker.completed(0, 10, 1, 2)).isEqualTo(Outcome.NACK);
  }

  @Test
  void aLostChannelForgetsEverythingAndItsDeliveriesBecomeStale() {
    long before = tracker.epoch();
    tracker.published(1);
    tracker.completed(before, 10, 1, 2);
    tracker.published(2);

    assertThat(tracker.reset()).isEqualTo(1);

    assertThat(tracker.completed(before, 11, 2, 3)).isEqualTo(Outcome.STALE);
    // The recovered channel numbers from 1 again; old numbers do not hold anything up.
    tracker.published(1);
    assertThat(tracker.completed(tracker.epoch(), 1, 1, 2)).isEqualTo(Outcome.DEFERRED);
    assertThat(tracker.confirmed(1, false).acks()).isEqualTo(List.of(1L));
  }

  @Test
  void anAbandonedPublishIsNotWaitedFor() {
    tracker.published(1);
    tracker.abandoned(1);

    assertThat(tracker.completed(0, 10, 1, 2)).isEqualTo(Outcome.ACK);
  }
}
