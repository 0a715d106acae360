package io.phaseflow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phaseflow.engine.plan.Fanout;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.plan.TaskFanout;
import io.phaseflow.handlers.JobResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The {@code for_each} gates of a task DAG on every backend: a gate over outputs expands in the
 * step that records its last parent's success, exactly once, and succeeds when its last element
 * does (part of {@link WorkflowStepsContract}).
 */
abstract class FanoutStepsContract extends WideEntryContract {
  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /**
   * Gate {@code index} named T{index}, over {@code pointer} of its sources, after {@code parents}.
   */
  static JobSpec gate(int index, String pointer, List<Integer> sources, Integer... parents) {
    return new JobSpec(
        index,
        "T" + index,
        "Count",
        1,
        3,
        json("{\"lang\": \"en\"}"),
        List.of(parents),
        io.phaseflow.engine.definition.JobPolicy.DEFAULT,
        Fanout.pending(pointer, sources));
  }

  /** split (0) → T1, for_each over split's sections (1) → sum (2). */
  void startSplitCountSum() {
    start(
        List.of(
            job(0, "Split"), gate(1, "/outputs/Split0/sections", List.of(0), 0), job(2, "Sum", 1)));
  }

  Completion succeed(int job, String output) {
    return complete(job, 1, JobResult.success(json(output)));
  }

  @Test
  void aGateExpandsWhenItsLastParentSucceedsAndSucceedsWithItsLastElement() {
    startSplitCountSum();

    Completion split = succeed(0, "{\"sections\": [\"a\", {\"id\": \"b\"}, 3]}");

    assertThat(split.ready()).extracting(j -> j.spec().index()).containsExactly(3, 4, 5);
    assertThat(split.ready())
        .extracting(j -> j.spec().name())
        .containsExactly("T1[0]", "T1[1]", "T1[2]");
    List<JobRecord> jobs = store.jobs(id, 1);
    assertThat(jobs).hasSize(6);
    assertThat(jobs.get(1).status()).isEqualTo(JobStatus.WAITING);
    assertThat(jobs.get(1).spec().fanout().elements()).containsExactly(3, 4, 5);
    assertThat(jobs.get(3).spec().handler()).isEqualTo("Count");
    assertThat(jobs.get(3).spec().parents()).containsExactly(0);
    assertThat(jobs.get(3).spec().payload())
        .isEqualTo(json("{\"lang\": \"en\", \"element\": \"a\"}"));
    assertThat(jobs.get(4).spec().payload()).isEqualTo(json("{\"lang\": \"en\", \"id\": \"b\"}"));
    assertThat(store.entry(id, 1).orElseThrow().jobs().total()).isEqualTo(6);

    assertThat(succeed(5, "30").ready()).isEmpty();
    assertThat(succeed(3, "10").ready()).isEmpty();
    Completion last = succeed(4, "20");

    assertThat(last.ready()).extracting(j -> j.spec().index()).containsExactly(2);
    JobRecord gate = store.job(id, 1, 1).orElseThrow();
    assertThat(gate.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(gate.output()).as("in element order").isEqualTo(json("[10, 20, 30]"));
    assertThat(last.entryClosed()).isFalse();
    assertThat(succeed(2, "60").entryClosed()).isTrue();
    assertThat(store.entry(id, 1).orElseThrow().jobs()).isEqualTo(new JobCounts(6, 6, 0, 0));
  }

  @Test
  void aRepeatedCompletionDoesNotExpandTwiceAndSendsTheElementsAgain() {
    startSplitCountSum();
    succeed(0, "{\"sections\": [1, 2]}");

    Completion again = succeed(0, "{\"sections\": [1, 2, 3, 4]}");

    assertThat(again.outcome()).isEqualTo(Completion.Outcome.DUPLICATE);
    assertThat(again.ready()).extracting(j -> j.spec().index()).containsExactly(3, 4);
    assertThat(store.jobs(id, 1)).hasSize(5);
  }

  @Test
  void concurrentAndRepeatedCompletionsExpandOnceAndFanInExactly() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 10; round++) {
        id = "fan" + round + "-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        // two parents of the gate finish at once, each delivered four times
        start(
            List.of(
                job(0, "Split"),
                job(1, "Other"),
                gate(2, "/outputs/Split0/sections", List.of(0), 0, 1),
                job(3, "Sum", 2)));
        List<Callable<Completion>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          int job = i % 2;
          calls.add(
              () ->
                  store.complete(
                      id, 1, job, 1, JobResult.success(json("{\"sections\": [1, 2, 3]}")), "j", 1));
        }
        List<Integer> dispatched = new ArrayList<>();
        int recorded = 0;
        for (Future<Completion> f : pool.invokeAll(calls)) {
          Completion c = f.get();
          recorded += c.outcome() == Completion.Outcome.RECORDED ? 1 : 0;
          c.ready().forEach(j -> dispatched.add(j.spec().index()));
        }
        assertThat(recorded).isEqualTo(2);
        assertThat(store.jobs(id, 1)).as("expanded once").hasSize(7);
        assertThat(dispatched).containsOnly(4, 5, 6).contains(4, 5, 6);

        List<Callable<Completion>> elements = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
          int job = 4 + i % 3;
          elements.add(
              () -> store.complete(id, 1, job, 1, JobResult.success(json("" + job)), "j", 1));
        }
        List<Integer> after = new ArrayList<>();
        for (Future<Completion> f : pool.invokeAll(elements)) {
          f.get().ready().forEach(j -> after.add(j.spec().index()));
        }
        assertThat(after).as("the dependent, made ready once").containsExactly(3);
        assertThat(store.job(id, 1, 2).orElseThrow().output()).isEqualTo(json("[4, 5, 6]"));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void noElementsMeansTheTaskSucceedsWithAnEmptyListAndItsDependentsRun() {
    startSplitCountSum();

    Completion split = tracked(0, 1, JobResult.success(json("{\"sections\": []}")));

    assertThat(split.ready()).extracting(j -> j.spec().index()).containsExactly(2);
    assertThat(store.job(id, 1, 1).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(store.job(id, 1, 1).orElseThrow().output()).isEqualTo(json("[]"));
  }

  @Test
  void aPointerThatSelectsNoArrayFailsTheTaskAndSkipsBelowIt() {
    startSplitCountSum();

    Completion split = tracked(0, 1, JobResult.success(json("{\"sections\": 5}")));

    assertThat(split.ready()).isEmpty();
    assertThat(split.entryClosed()).isTrue();
    JobRecord gate = store.job(id, 1, 1).orElseThrow();
    assertThat(gate.status()).isEqualTo(JobStatus.FAILED);
    assertThat(gate.error()).contains("task 'T1'").contains("/outputs/Split0/sections");
    assertThat(store.job(id, 1, 2).orElseThrow().status()).isEqualTo(JobStatus.SKIPPED);
    assertThat(store.entry(id, 1).orElseThrow().error()).startsWith("job 1 (T1): task 'T1'");
  }

  @Test
  void moreJobsThanTheEntryMayHoldFailTheTask() {
    startSplitCountSum();
    StringBuilder many = new StringBuilder("{\"sections\": [0");
    for (int i = 1; i < TaskFanout.MAX_JOBS_PER_ENTRY; i++) {
      many.append(",").append(i);
    }
    succeed(0, many.append("]}").toString());

    JobRecord gate = store.job(id, 1, 1).orElseThrow();
    assertThat(gate.status()).isEqualTo(JobStatus.FAILED);
    assertThat(gate.error()).contains("task 'T1'").contains("over the limit of 200,000 jobs");
    assertThat(store.jobs(id, 1)).hasSize(3);
  }

  @Test
  void aFailedElementSkipsTheTaskAndWhatDependsOnIt() {
    startSplitCountSum();
    succeed(0, "{\"sections\": [1, 2]}");

    tracked(3, 1, JobResult.failure("bad section", false));

    assertThat(store.jobs(id, 1))
        .extracting(JobRecord::status)
        .containsExactly(
            JobStatus.SUCCEEDED,
            JobStatus.SKIPPED,
            JobStatus.SKIPPED,
            JobStatus.FAILED,
            JobStatus.READY);
    assertThat(succeed(4, "2").entryClosed()).isTrue();
    assertThat(store.entry(id, 1).orElseThrow().error()).isEqualTo("job 3 (T1[0]): bad section");
  }

  @Test
  void aGatePlannedWithItsElementsWaitsForThemAndOneWithoutSucceedsAtOnce() {
    JobSpec empty = gate(0, "/data/none", List.of()).expandedAt(3, 0);
    JobSpec rows = gate(1, "/data/rows", List.of()).expandedAt(3, 2);
    List<JobSpec> elements =
        TaskFanout.expand(rows, java.util.Map.of(), json("{\"rows\": [1, 2]}"), 3).elements();
    start(List.of(empty, rows, job(2, "Report", 0, 1), elements.get(0), elements.get(1)));

    assertThat(store.jobs(id, 1))
        .extracting(JobRecord::status)
        .containsExactly(
            JobStatus.SUCCEEDED,
            JobStatus.WAITING,
            JobStatus.WAITING,
            JobStatus.READY,
            JobStatus.READY);
    assertThat(store.job(id, 1, 0).orElseThrow().output()).isEqualTo(json("[]"));
    succeed(3, "\"r1\"");
    assertThat(succeed(4, "\"r2\"").ready()).extracting(j -> j.spec().index()).containsExactly(2);
    assertThat(store.job(id, 1, 1).orElseThrow().output()).isEqualTo(json("[\"r1\", \"r2\"]"));
  }
}
