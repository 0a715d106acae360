package io.phaseflow.cli.print;

import static org.assertj.core.api.Assertions.assertThat;

import io.phaseflow.engine.deployed.DeployedHandler;
import io.phaseflow.engine.deployed.HandlerQueue;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HandlerQueuePrinterTest {
  private static final long NOW = 1_000_000_000L;

  @Test
  void onlyQueuesWithoutConsumersAreNamedWithSinceWhenAndWhatToStart() {
    List<HandlerQueue> queues =
        List.of(
            new HandlerQueue(
                "Served", 1, "q.served", OptionalLong.of(2), OptionalLong.of(0), Optional.empty()),
            new HandlerQueue(
                "Gone",
                2,
                "q.gone",
                OptionalLong.of(0),
                OptionalLong.of(3),
                Optional.of(new DeployedHandler("Gone", 2, 0, 0, NOW - 300_000, false))),
            new HandlerQueue(
                "Never",
                1,
                "q.never",
                OptionalLong.empty(),
                OptionalLong.empty(),
                Optional.empty()));

    assertThat(HandlerQueuePrinter.unserved(queues, NOW))
        .isEqualTo(
            "waiting: no consumer on q.gone (Gone v2, 3 jobs ready); last served 5 min 0 s ago;"
                + " start one: phaseflow handlers --queue Gone:2\n"
                + "waiting: no consumer on q.never (Never v1); no handlers process has served it"
                + " in this namespace; start one: phaseflow handlers --queue Never:1\n");
  }
}
