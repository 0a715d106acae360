package io.phaseflow.engine.core;

import static io.phaseflow.engine.testing.DefinitionBuilder.forEach;
import static io.phaseflow.engine.testing.DefinitionBuilder.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.definition.Definition;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.state.InMemoryStateStore;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import io.phaseflow.engine.state.WorkflowStatus;
import io.phaseflow.engine.testing.DefinitionBuilder;
import io.phaseflow.engine.testing.ScriptedBus;
import io.phaseflow.engine.testing.TestHandlers;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.HandlerRunner;
import io.phaseflow.handlers.JobFailedException;
import io.phaseflow.handlers.protocol.BusJobSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: however completions interleave and however often they repeat, every phase entry closes
 * exactly once, never before all its jobs ended, and the workflow ends as its failures dictate.
 * Each seed is a different random graph, fan-out, failure set, delivery order and duplication.
 */
class FanInPropertyTest {

  static LongStream seeds() {
    return LongStream.range(1, 301);
  }

  /** Checks, at each transition, that the entry being left has no open job. */
  private static final class Checker implements WorkflowListener {
    final List<String> violations = new CopyOnWriteArrayList<>();
    final Map<String, Integer> transitions = new HashMap<>();
    InMemoryStateStore store;

    @Override
    public void transitioned(WorkflowRecord wf, TransitionRecord t) {
      transitions.merge(wf.id(), 1, Integer::sum);
      if (t.from() == null) {
        return;
      }
      int left = t.to() == null ? wf.entry() : wf.entry() - 1;
      for (JobRecord j : store.jobs(wf.id(), left)) {
        if (!j.status().isTerminal()) {
          violations.add("entry " + left + " of " + wf.id() + " closed with job " + j + " open");
        }
      }
      if (t.jobs().open() != 0) {
        violations.add("transition " + t + " counts open jobs");
      }
    }
  }

  private record Harness(
      Engine engine, ScriptedBus bus, InMemoryStateStore store, Checker checker) {
    static Harness of(long seed, Definition definition, HandlerRegistry handlers) {
      ScriptedBus bus = new ScriptedBus(seed, 0.3);
      InMemoryStateStore store = new InMemoryStateStore();
      Checker checker = new Checker();
      checker.store = store;
      Engine engine =
          Engine.builder()
              .store(store)
              .bus(bus)
              .handlers(handlers)
              .listener(checker)
              .build()
              .start();
      engine.plans().add(CompiledDefinition.compile(definition));
      new HandlerRunner(new BusJobSource(bus, Clock.systemUTC())).deployAll(handlers, 1);
      return new Harness(engine, bus, store, checker);
    }
  }

  @ParameterizedTest(name = "phase graph, seed {0}")
  @MethodSource("seeds")
  void phaseEntriesCloseExactlyOnceAfterAllJobs(long seed) throws Exception {
    Random random = new Random(seed);
    int items = random.nextInt(12); // 0 exercises the zero-job phase
    int failAt = random.nextInt(3) == 0 ? random.nextInt(items + 1) : -1;
    HandlerRegistry handlers =
        HandlerRegistry.of(
            List.of(
                TestHandlers.of(
                    "Make",
                    job -> {
                      ObjectNode out = JsonNodeFactory.instance.objectNode();
                      for (int i = 0; i < items; i++) {
                        out.withArrayProperty("items").add(i);
                      }
                      if (items == 0) {
                        out.putArray("items");
                      }
                      return out;
                    }),
                TestHandlers.of(
                    "Work",
                    job -> {
                      if (job.payload().asInt() == failAt) {
                        throw new JobFailedException("item " + failAt + " is bad", false);
                      }
                      return job.payload();
                    }),
                TestHandlers.echo("Report")));
    DefinitionBuilder def =
        workflow("prop")
            .initial("start", "make", "error")
            .phase("make", "work", "error", "Make")
            .phase("work", "done", "error", forEach("Work", "/inputs/Make/0/items"))
            .end("done", "Report")
            .end("error", "Report");
    Harness h = Harness.of(seed, def.build(), handlers);

    String id = h.engine.startWorkflow("prop", null);
    h.bus.drain(100_000);

    WorkflowRecord wf = h.store.workflow(id).orElseThrow();
    boolean fails = failAt >= 0 && failAt < items;
    assertThat(h.checker.violations).isEmpty();
    assertThat(wf.status()).isEqualTo(fails ? WorkflowStatus.FAILED : WorkflowStatus.SUCCEEDED);
    List<TransitionRecord> history = h.store.history(id);
    assertThat(history)
        .extracting(TransitionRecord::from)
        .containsExactly(null, "start", "make", "work", fails ? "error" : "done");
    assertThat(history).hasSize(h.checker.transitions.get(id));
    TransitionRecord work = history.get(3);
    assertThat(work.jobs().total()).isEqualTo(items);
    assertThat(work.jobs().failed()).isEqualTo(fails ? 1 : 0);
    assertThat(work.jobs().succeeded()).isEqualTo(items - (fails ? 1 : 0));
  }

  @ParameterizedTest(name = "task DAG, seed {0}")
  @MethodSource("seeds")
  void taskGraphRunsEachTaskOnceItsParentsSucceeded(long seed) throws Exception {
    Random random = new Random(seed);
    int n = 1 + random.nextInt(12);
    List<List<Integer>> parents = new ArrayList<>();
    BitSet failing = new BitSet();
    DefinitionBuilder def = workflow("dag");
    for (int i = 0; i < n; i++) {
      List<Integer> ps = new ArrayList<>();
      for (int p = 0; p < i; p++) {
        if (random.nextInt(4) == 0) {
          ps.add(p);
        }
      }
      parents.add(ps);
      if (random.nextInt(10) == 0) {
        failing.set(i);
      }
      def.task("t" + i, "T", ps.stream().map(p -> "t" + p).toArray(String[]::new));
    }
    List<Integer> order = new CopyOnWriteArrayList<>();
    HandlerRegistry handlers =
        HandlerRegistry.of(
            List.of(
                TestHandlers.of(
                    "T",
                    job -> {
                      order.add(job.job());
                      if (failing.get(job.job())) {
                        throw new JobFailedException("t" + job.job() + " fails", false);
                      }
                      return JsonNodeFactory.instance.numberNode(job.job());
                    })));
    Harness h = Harness.of(seed, def.build(), handlers);

    String id = h.engine.startWorkflow("dag", null);
    h.bus.drain(100_000);

    // Expected: a task runs iff every ancestor succeeded; failing ones fail, the rest below skip.
    BitSet runs = new BitSet();
    BitSet fails = new BitSet();
    for (int i = 0; i < n; i++) {
      boolean parentsOk = parents.get(i).stream().allMatch(p -> runs.get(p) && !fails.get(p));
      if (parentsOk) {
        runs.set(i);
        fails.set(i, failing.get(i));
      }
    }
    for (int task : order) {
      for (int p : parents.get(task)) {
        assertThat(order.indexOf(p))
            .as("t%d ran before its parent t%d", task, p)
            .isLessThan(order.indexOf(task));
      }
    }
    assertThat(h.checker.violations).isEmpty();
    WorkflowRecord wf = h.store.workflow(id).orElseThrow();
    assertThat(wf.status())
        .isEqualTo(fails.isEmpty() ? WorkflowStatus.SUCCEEDED : WorkflowStatus.FAILED);
    TransitionRecord run = h.store.history(id).get(1);
    assertThat(run.jobs().failed()).isEqualTo(fails.cardinality());
    assertThat(run.jobs().succeeded()).isEqualTo(runs.cardinality() - fails.cardinality());
    assertThat(run.jobs().skipped()).isEqualTo(n - runs.cardinality());
    assertThat(h.store.history(id)).hasSize(3);
  }
}
