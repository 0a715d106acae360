package io.phaseflow.engine.redis;

import static io.phaseflow.engine.testing.DefinitionBuilder.forEach;
import static io.phaseflow.engine.testing.DefinitionBuilder.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.core.Embedded;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestHandlers;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.handlers.HandlerRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Redis stops answering for a while in the middle of a run (CLIENT PAUSE): steps time out, their
 * messages are redelivered, and once Redis answers again every workflow completes with a correct
 * history. Nothing accepted is lost.
 */
class RedisOutageIT {
  /** Unique per run, so suites sharing the test database never touch each other's keys. */
  private static final String PREFIX = RedisCleanup.uniquePrefix("pfoutage");

  @Test
  void workflowsCompleteCorrectlyAfterRedisStopsAnsweringForAWhile() throws Exception {
    RedisSettings settings = TestServers.redisSettings().withCommandTimeout(Duration.ofMillis(300));
    try (RedisConnector connector = new RedisConnector(settings);
        RedisConnection admin = connector.connect()) {
      HandlerRegistry handlers =
          HandlerRegistry.of(
              List.of(
                  TestHandlers.of(
                      "Slow",
                      job -> {
                        try {
                          Thread.sleep(20);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        return job.payload();
                      })));
      var plan =
          CompiledDefinition.compile(
              workflow("outage")
                  .initialWith("a", "b", null, forEach("Slow", "/data/items"))
                  .phase("b", "done", null, forEach("Slow", "/data/items"))
                  .end("done")
                  .build());
      try (Embedded embedded =
          new Embedded(
              handlers,
              4,
              WorkflowListener.NONE,
              RedisStateStore.connect(connector, PREFIX, Duration.ofMinutes(5)))) {
        embedded.engine().plans().add(plan);
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < 20; i++) {
          input.withArrayProperty("items").add(i);
        }
        List<String> ids = new ArrayList<>();
        for (int w = 0; w < 10; w++) {
          ids.add(embedded.engine().startWorkflow("outage", input));
        }

        admin.sync().clientPause(1500); // every client's commands wait 1.5 s: they time out

        for (String id : ids) {
          WorkflowRecord wf = embedded.engine().await(id, Duration.ofSeconds(60));
          assertThat(wf.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
          List<TransitionRecord> history = embedded.engine().store().history(id);
          assertThat(history)
              .extracting(TransitionRecord::from)
              .containsExactly(null, "a", "b", "done");
          assertThat(history.get(1).jobs().succeeded()).isEqualTo(20);
          assertThat(history.get(2).jobs().succeeded()).isEqualTo(20);
        }
      } finally {
        RedisCleanup.deletePrefix(connector, PREFIX);
      }
    }
  }
}
