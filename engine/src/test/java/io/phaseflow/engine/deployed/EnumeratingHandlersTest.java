package io.phaseflow.engine.deployed;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EnumeratingHandlersTest {
  private final MutableClock clock = new MutableClock(1_000_000);
  private final List<HandlerSighting> sightings = new ArrayList<>();
  private final AtomicInteger reads = new AtomicInteger();
  private boolean failing;
  private final HandlerDirectory directory =
      new HandlerDirectory() {
        @Override
        public void announce(List<HandlerSighting> s) {
          sightings.addAll(s);
        }

        @Override
        public List<HandlerSighting> sightings() {
          reads.incrementAndGet();
          if (failing) {
            throw new IllegalStateException("Redis away");
          }
          return List.copyOf(sightings);
        }
      };

  @Test
  void answersFromTheDirectoryReadAtMostOncePerHeartbeatAndKeepsTheLastAnswerOnAFailure() {
    EnumeratingHandlers enumerating = new EnumeratingHandlers(directory, clock);
    directory.announce(List.of(new HandlerSighting("Split", 1, "p", 1, true, clock.millis())));
    directory.announce(List.of(new HandlerSighting("Plain", 1, "p", 1, false, clock.millis())));

    assertThat(enumerating.test("Split", 1)).isTrue();
    assertThat(enumerating.test("Split", 2)).isFalse();
    assertThat(enumerating.test("Plain", 1)).isFalse();
    assertThat(reads).hasValue(1);

    clock.advance(HandlerDirectory.HEARTBEAT);
    failing = true;
    assertThat(enumerating.test("Split", 1)).isTrue();
    assertThat(reads).hasValue(2);
  }
}
