package io.phaseflow.engine.redis;

import static io.phaseflow.engine.testing.DefinitionBuilder.forEach;
import static io.phaseflow.engine.testing.DefinitionBuilder.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.phaseflow.engine.core.Engine;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.StateStore;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.DuplicatingBus;
import io.phaseflow.engine.testing.RedisCleanup;
import io.phaseflow.engine.testing.RedisClusterServers;
import io.phaseflow.engine.testing.TestHandlers;
import io.phaseflow.engine.transport.InMemoryBus;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.HandlerRunner;
import io.phaseflow.handlers.JobFailedException;
import io.phaseflow.handlers.protocol.BusJobSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two engines run fan-out workflows on a Redis Cluster while one master fails over to its replica
 * (CLUSTER FAILOVER, as an operator does before maintenance). The engines' client follows the new
 * topology: every workflow ends, every history is exact and no job is counted twice. A probe
 * writing to the failed master's slots measures how long the failover stalls the engines' writes.
 */
@Tag(RedisClusterServers.TAG)
class RedisClusterFailoverIT {
  private static final String PREFIX = RedisCleanup.uniquePrefix("pfclfo");
  private static final int WORKFLOWS = 60;

  private final AtomicInteger reports = new AtomicInteger();

  @Test
  void aMasterFailoverMidRunEndsEveryWorkflowWithAnExactHistory() throws Exception {
    RedisConnector client = RedisClusterServers.connector();
    HandlerRegistry handlers = handlers();
    var definition =
        workflow("failover")
            .initial("start", "work", "error")
            .phase("work", "check", "error", forEach("Work", "/data/items"))
            .phase("check", "done", "error", "Check", "Check", "Check")
            .end("done", "Report")
            .end("error", "Report")
            .build();
    DuplicatingBus bus = new DuplicatingBus(new InMemoryBus(), 0.1, 13);
    List<Engine> engines = new ArrayList<>();
    List<StateStore> stores = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      StateStore store = RedisStateStore.connect(client, PREFIX, Duration.ofMinutes(10));
      stores.add(store);
      Engine engine =
          Engine.builder().store(store).bus(bus).handlers(handlers).concurrency(4).build();
      engine.plans().add(CompiledDefinition.compile(definition));
      engines.add(engine.start());
    }
    HandlerRunner.Deployment workers =
        new HandlerRunner(new BusJobSource(bus, Clock.systemUTC())).deployAll(handlers, 6);
    List<RedisClusterNode> nodes = RedisClusterServers.nodes();
    RedisClusterNode replica = RedisClusterServers.replicaToPromote();
    RedisClusterNode master = RedisClusterServers.masterOf(nodes, replica);
    String probeKey =
        IntStream.range(0, RedisLayout.DEFAULT_SHARDS)
            .mapToObj(s -> PREFIX + ":{" + s + "}probe")
            .filter(k -> master.hasSlot(SlotHash.getSlot(k)))
            .findFirst()
            .orElseThrow();
    Map<String, Integer> items = new LinkedHashMap<>();
    Map<String, Boolean> failing = new LinkedHashMap<>();
    try (WriteProbe probe = new WriteProbe(client.connect(), probeKey)) {
      for (int w = 0; w < WORKFLOWS; w++) {
        if (w == WORKFLOWS / 2) {
          Thread.sleep(300); // the first half is running
          int running = WORKFLOWS / 2 - reports.get();
          long promotedMillis = RedisClusterServers.promote(replica, Duration.ofSeconds(30));
          System.out.printf(
              "failover: %s promoted over %s in %d ms with %d of %d workflows running%n",
              replica.getUri(), master.getUri(), promotedMillis, running, WORKFLOWS / 2);
          assertThat(running).as("workflows running when the master failed over").isPositive();
        }
        int n = 5 + w % 13;
        boolean fails = w % 6 == 0;
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < n; i++) {
          input.withArrayProperty("items").add(fails && i == n / 2 ? -i - 1 : i);
        }
        String id = engines.get(w % 2).startWorkflow("failover", input);
        items.put(id, n);
        failing.put(id, fails);
      }
      for (Map.Entry<String, Integer> e : items.entrySet()) {
        checkEnded(
            engines.get(0), stores.get(1), e.getKey(), e.getValue(), failing.get(e.getKey()));
      }
      System.out.printf(
          "failover: longest stall of writes to the failed master's slots %d ms"
              + " (%d writes, %d failed)%n",
          probe.longestGapMillis(), probe.writes(), probe.failures());
      assertThat(probe.longestGapMillis()).as("write stall during the failover").isLessThan(15_000);
    } finally {
      workers.close();
      engines.forEach(Engine::close);
      stores.forEach(StateStore::close);
      RedisCleanup.deletePrefix(client, PREFIX);
      client.close();
    }
    assertThat(
            RedisClusterServers.nodes().stream()
                .filter(n -> n.getNodeId().equals(replica.getNodeId())))
        .singleElement()
        .matches(n -> n.is(RedisClusterNode.NodeFlag.UPSTREAM), "the replica is a master now");
  }

  private static void checkEnded(Engine engine, StateStore store, String id, int n, boolean fails) {
    WorkflowRecord wf = engine.await(id, Duration.ofSeconds(90));
    List<TransitionRecord> history = store.history(id);
    if (fails) {
      assertThat(wf.status()).as(id).isEqualTo(WorkflowStatus.FAILED);
      assertThat(history)
          .extracting(TransitionRecord::from)
          .containsExactly(null, "start", "work", "error");
      assertThat(history.get(2).jobs().failed()).isEqualTo(1);
      assertThat(history.get(2).jobs().succeeded()).as("jobs counted once").isEqualTo(n - 1);
    } else {
      assertThat(wf.status()).as(id).isEqualTo(WorkflowStatus.SUCCEEDED);
      assertThat(history)
          .extracting(TransitionRecord::from)
          .containsExactly(null, "start", "work", "check", "done");
      assertThat(history.get(2).jobs().succeeded()).as("jobs counted once").isEqualTo(n);
      assertThat(history.get(3).jobs().succeeded()).isEqualTo(3);
      List<JobRecord> checks = store.jobs(id, 3);
      assertThat(checks).allSatisfy(j -> assertThat(j.output().asInt()).isEqualTo(n));
    }
    assertThat(store.jobs(id, 2)).as("the work entry's jobs").hasSize(n);
    for (int i = 1; i < history.size(); i++) {
      assertThat(history.get(i).at()).isGreaterThanOrEqualTo(history.get(i - 1).at());
    }
  }

  private HandlerRegistry handlers() {
    return HandlerRegistry.of(
        List.of(
            TestHandlers.of(
                "Work",
                job -> {
                  pause(20);
                  if (job.payload().asInt() < 0) {
                    throw new JobFailedException("item " + job.payload() + " is negative", false);
                  }
                  return job.payload();
                }),
            TestHandlers.of(
                "Check",
                job -> {
                  pause(10);
                  return JsonNodeFactory.instance.numberNode(job.inputs().get("Work").size());
                }),
            TestHandlers.of(
                "Report",
                job -> {
                  reports.incrementAndGet();
                  return job.payload();
                })));
  }

  private static void pause(int maxMillis) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(maxMillis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
