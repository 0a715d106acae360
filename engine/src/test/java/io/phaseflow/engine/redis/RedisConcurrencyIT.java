package io.phaseflow.engine.redis;

import static io.phaseflow.engine.testing.DefinitionBuilder.forEach;
import static io.phaseflow.engine.testing.DefinitionBuilder.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.definition.Definition;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.plan.Plan;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.DuplicatingBus;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.TestHandlers;
import io.phaseflow.engine.testing.TestServers;
import io.phaseflow.engine.transport.InMemoryBus;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.HandlerRunner;
import io.phaseflow.handlers.JobFailedException;
import io.phaseflow.handlers.protocol.BusJobSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Three engines, each with its own Redis connection and four consumer threads per queue, complete
 * the same workflows' jobs concurrently while a fifth of all messages arrive twice and handlers
 * take random time, so completions interleave and repeat. Every phase entry must close once, no
 * transition may be lost or doubled, and every history must be in order.
 */
class RedisConcurrencyIT {
  /** Unique per run, so suites sharing the test database never touch each other's keys. */
  private static final String PREFIX = RedisCleanup.uniquePrefix("pfconc");

  private static final int WORKFLOWS = 40;

  @Test
  void concurrentEnginesCloseEachEntryOnceAndRecordEveryTransitionOnce() {
    RedisConnector client = new RedisConnector(TestServers.redisSettings());
    HandlerRegistry handlers =
        HandlerRegistry.of(
            List.of(
                TestHandlers.of(
                    "Work",
                    job -> {
                      pause();
                      if (job.payload().asInt() < 0) {
                        throw new JobFailedException(
                            "item " + job.payload() + " is negative", false);
                      }
                      return job.payload();
                    }),
                TestHandlers.of(
                    "Check",
                    job -> {
                      pause();
                      return JsonNodeFactory.instance.numberNode(job.inputs().get("Work").size());
                    }),
                TestHandlers.echo("Report")));
    Definition definition =
        workflow("concurrent")
            .initial("start", "work", "error")
            .phase("work", "check", "error", forEach("Work", "/data/items"))
            .phase("check", "done", "error", "Check", "Check", "Check")
            .end("done", "Report")
            .end("error", "Report")
            .build();
    Plan plan = CompiledDefinition.compile(definition);
    AtomicInteger transitions = new AtomicInteger();
    WorkflowListener counting =
        new WorkflowListener() {
          @Override
          public void transitioned(WorkflowRecord wf, TransitionRecord t) {
            transitions.incrementAndGet();
          }
        };

    InMemoryBus inner = new InMemoryBus();
    DuplicatingBus bus = new DuplicatingBus(inner, 0.2, 42);
    List<Engine> engines = new ArrayList<>();
    List<StateStore> stores = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      StateStore store = RedisStateStore.connect(client, PREFIX, Duration.ofMinutes(10));
      stores.add(store);
      Engine engine =
          Engine.builder()
              .store(store)
              .bus(bus)
              .handlers(handlers)
              .listener(counting)
              .concurrency(4)
              .build();
      engine.plans().add(plan);
      engines.add(engine.start());
    }
    HandlerRunner.Deployment workers =
        new HandlerRunner(new BusJobSource(bus, Clock.systemUTC())).deployAll(handlers, 6);
    try {
      Map<String, Integer> items = new HashMap<>();
      Map<String, Boolean> failing = new HashMap<>();
      for (int w = 0; w < WORKFLOWS; w++) {
        int n = 5 + w % 17;
        boolean fails = w % 5 == 0;
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < n; i++) {
          input.withArrayProperty("items").add(fails && i == n / 2 ? -i - 1 : i);
        }
        String id = engines.get(w % 3).startWorkflow("concurrent", input);
        items.put(id, n);
        failing.put(id, fails);
      }

      int lines = 0;
      for (Map.Entry<String, Integer> e : items.entrySet()) {
        String id = e.getKey();
        WorkflowRecord wf = engines.get(0).await(id, Duration.ofSeconds(60));
        List<TransitionRecord> history = stores.get(0).history(id);
        lines += history.size();
        if (failing.get(id)) {
          assertThat(wf.status()).isEqualTo(WorkflowStatus.FAILED);
          assertThat(history)
              .extracting(TransitionRecord::from)
              .containsExactly(null, "start", "work", "error");
          assertThat(history.get(2).jobs().failed()).isEqualTo(1);
          assertThat(history.get(2).jobs().succeeded()).isEqualTo(e.getValue() - 1);
        } else {
          assertThat(wf.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
          assertThat(history)
              .extracting(TransitionRecord::from)
              .containsExactly(null, "start", "work", "check", "done");
          assertThat(history.get(2).jobs().succeeded()).isEqualTo(e.getValue());
          assertThat(history.get(3).jobs().succeeded()).isEqualTo(3);
          assertThat(stores.get(1).jobs(id, 3))
              .allSatisfy(j -> assertThat(j.output().asInt()).isEqualTo(e.getValue()));
        }
        for (int i = 1; i < history.size(); i++) {
          assertThat(history.get(i).at()).isGreaterThanOrEqualTo(history.get(i - 1).at());
        }
      }
      assertThat(transitions.get()).as("listener calls across engines").isEqualTo(lines);
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
