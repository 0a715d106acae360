package io.phaseflow.engine.deployed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import io.phaseflow.handlers.PhaseContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandlerDirectoryTest {
  private static final long NOW = 1_000_000_000L;
  private static final long ALIVE = HandlerDirectory.ALIVE.toMillis();

  @Test
  void processesAliveAreCountedAndTheLatestSightingIsWhenTheHandlerWasLastSeen() {
    List<DeployedHandler> handlers =
        HandlerDirectory.aggregate(
            List.of(
                new HandlerSighting("B", 1, "p1", 4, false, NOW - 1_000),
                new HandlerSighting("A", 1, "p1", 4, false, NOW - 1_000),
                new HandlerSighting("A", 1, "p2", 8, false, NOW - ALIVE + 1),
                new HandlerSighting("A", 1, "p3", 16, false, NOW - ALIVE - 1), // gone quiet
                new HandlerSighting("A", 2, "p4", 1, true, NOW - 3_600_000)), // gone an hour ago
            NOW);

    assertThat(handlers)
        .containsExactly(
            new DeployedHandler("A", 1, 2, 12, NOW - 1_000, false),
            new DeployedHandler("A", 2, 0, 0, NOW - 3_600_000, true),
            new DeployedHandler("B", 1, 1, 4, NOW - 1_000, false));
    assertThat(handlers.get(1).alive()).isFalse();
    assertThat(handlers.get(1).label()).isEqualTo("A v2");
  }

  @Test
  void theLatestWordOnEnumeratingWins() {
    assertThat(
            HandlerDirectory.aggregate(
                List.of(
                    new HandlerSighting("A", 1, "new", 1, true, NOW),
                    new HandlerSighting("A", 1, "old", 1, false, NOW - 5_000)),
                NOW))
        .extracting(DeployedHandler::enumerates)
        .containsExactly(true);
  }

  @Test
  void aHandlerEnumeratesWhenItsClassGivesItsOwnJobs() {
    Handler plain = new Plain();
    Handler enumerating =
        new Plain() {
          @Override
          public List<JsonNode> jobs(PhaseContext context) {
            return List.of();
          }
        };
    assertThat(HandlerSighting.enumerates(plain)).isFalse();
    assertThat(HandlerSighting.enumerates(enumerating)).isTrue();
    assertThat(HandlerSighting.thisProcess()).matches("\\d+@[^|]+");
  }

  private static class Plain implements Handler {
    @Override
    public String name() {
      return "Plain";
    }

    @Override
    public JobResult process(Job job) {
      return JobResult.success(null);
    }
  }
}
