package io.phaseflow.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.DuplicatingBus;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestHandlers;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.InMemoryBus;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.HandlerRunner;
import io.phaseflow.handlers.protocol.BusJobSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Three engines on one Redis run task DAGs whose for_each tasks expand from two parents' outputs
 * while a fifth of all messages arrive twice: every task expands once, in the step that records its
 * last parent, and the task after it sees every element's output once, in element order.
 */
class TaskFanoutConcurrencyIT {
  private static final String PREFIX = RedisCleanup.uniquePrefix("pffan");
  private static final int WORKFLOWS = 30;

  private static final String DAG =
      """
      {"workflow": "fan", "tasks": [
        {"name": "split", "handler": "Split"},
        {"name": "tag", "handler": "Tag"},
        {"name": "count", "handler": "Count", "for_each": "/outputs/split/items",
         "depends": ["split", "tag"]},
        {"name": "sum", "handler": "Sum", "depends": ["count"]}
      ]}
      """;

  @Test
  void everyForEachTaskExpandsOnceAndItsDependentSeesEveryElementInOrder() {
    RedisConnector client = new RedisConnector(TestServers.redisSettings());
    HandlerRegistry handlers =
        HandlerRegistry.of(
            List.of(
                TestHandlers.of(
                    "Split",
                    job -> {
                      pause();
                      ObjectNode out = JsonNodeFactory.instance.objectNode();
                      ArrayNode items = out.putArray("items");
                      for (int i = 0; i < job.data().get("n").asInt(); i++) {
                        items.add(i);
                      }
                      return out;
                    }),
                TestHandlers.of(
                    "Tag",
                    job -> {
                      pause();
                      return JsonNodeFactory.instance.textNode("t");
                    }),
                TestHandlers.of(
                    "Count",
                    job -> {
                      pause();
                      return JsonNodeFactory.instance.numberNode(job.payload().asInt() * 10);
                    }),
                TestHandlers.of("Sum", job -> job.inputs().get("count"))));
    CompiledDefinition definition = CompiledDefinition.of(DAG, "fan.json");
    DuplicatingBus bus = new DuplicatingBus(new InMemoryBus(), 0.2, 7);
    List<Engine> engines = new ArrayList<>();
    List<StateStore> stores = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      StateStore store = RedisStateStore.connect(client, PREFIX, Duration.ofMinutes(10));
      stores.add(store);
      Engine engine =
          Engine.builder().store(store).bus(bus).handlers(handlers).concurrency(4).build();
      engine.plans().add(definition.plan());
      engines.add(engine.start());
    }
    HandlerRunner.Deployment workers =
        new HandlerRunner(new BusJobSource(bus, Clock.systemUTC())).deployAll(handlers, 6);
    try {
      Map<String, Integer> sizes = new LinkedHashMap<>();
      for (int w = 0; w < WORKFLOWS; w++) {
        int n = w % 9; // 0 .. 8 elements
        ObjectNode input = JsonNodeFactory.instance.objectNode().put("n", n);
        sizes.put(engines.get(w % 3).startWorkflow("fan", input), n);
      }
      for (Map.Entry<String, Integer> e : sizes.entrySet()) {
        WorkflowRecord wf = engines.get(1).await(e.getKey(), Duration.ofSeconds(60));
        assertThat(wf.status()).as(e.getKey()).isEqualTo(WorkflowStatus.SUCCEEDED);
        List<JobRecord> jobs = stores.get(2).jobs(e.getKey(), 1);
        int n = e.getValue();
        assertThat(jobs).as("4 tasks and %d elements, once", n).hasSize(4 + n);
        ArrayNode expected = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < n; i++) {
          expected.add(i * 10);
        }
        JsonNode sum = jobs.get(3).output();
        assertThat(sum).as("sum's input, in element order").isEqualTo(expected);
        assertThat(jobs.get(2).output()).isEqualTo(expected);
      }
    } finally {
      workers.close();
      engines.forEach(Engine::close);
      stores.forEach(StateStore::close);
      RedisCleanup.deletePrefix(client, PREFIX);
      client.close();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(3));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
