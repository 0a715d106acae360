package io.phaseflow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.handlers.JobResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What every backend's control steps (pause, resume, cancel, redrive) must do, including races with
 * completions: the in-memory and the Redis store both run these tests.
 */
public abstract class WorkflowControlContract extends StateStoreFixture {
  /** Workflow moves seen by these tests on any backend, checked against the declared table. */
  static final Map<WorkflowStatus, Set<WorkflowStatus>> SEEN_WORKFLOW = new ConcurrentHashMap<>();

  @AfterAll
  static void everyDeclaredWorkflowMoveWasExercised() {
    WorkflowStatus.TABLE
        .moves()
        .forEach(
            (from, tos) ->
                assertThat(SEEN_WORKFLOW.getOrDefault(from, Set.of()))
                    .as("workflow moves from %s exercised by the contract tests", from)
                    .containsAll(tos));
  }

  /** The workflow's status after {@code step}, noting the move it made. */
  <T> T tracking(java.util.function.Supplier<T> step) {
    WorkflowStatus before = store.workflow(id).map(WorkflowRecord::status).orElse(null);
    T result = step.get();
    WorkflowStatus after = store.workflow(id).map(WorkflowRecord::status).orElse(null);
    if (before != null && after != null && before != after) {
      SEEN_WORKFLOW.computeIfAbsent(before, s -> ConcurrentHashMap.newKeySet()).add(after);
    }
    return result;
  }

  Controlled act(ControlAction action, int entry) {
    String phase = store.workflow(id).map(WorkflowRecord::phase).orElse("a");
    return tracking(
        () ->
            store.control(
                id,
                action,
                entry,
                TransitionRecord.control(
                    action,
                    phase,
                    action == ControlAction.CANCEL ? null : phase,
                    "alice",
                    "why",
                    System.currentTimeMillis())));
  }

  @Test
  void pauseHoldsTheJobsCompletionsMakeReadyAndResumeReleasesThem() {
    start(List.of(job(0, "T"), job(1, "T", 0), job(2, "T")));

    assertThat(act(ControlAction.PAUSE, 1).result()).isEqualTo(Controlled.Result.APPLIED);
    assertThat(store.workflow(id).orElseThrow().status()).isEqualTo(WorkflowStatus.PAUSED);
    Completion c = ok(0);
    assertThat(c.outcome()).isEqualTo(Completion.Outcome.RECORDED);
    assertThat(c.ready()).as("held while paused").isEmpty();
    assertThat(store.job(id, 1, 1).orElseThrow().status()).isEqualTo(JobStatus.READY);

    Controlled resumed = act(ControlAction.RESUME, 1);
    assertThat(resumed.result()).isEqualTo(Controlled.Result.APPLIED);
    assertThat(resumed.status()).isEqualTo(WorkflowStatus.RUNNING);
    assertThat(resumed.released()).extracting(j -> j.spec().index()).containsExactly(1);
    assertThat(resumed.entryClosed()).isFalse();
    assertThat(act(ControlAction.PAUSE, 1).result()).isEqualTo(Controlled.Result.APPLIED);
    assertThat(act(ControlAction.RESUME, 1).released()).as("released once").isEmpty();
    assertThat(store.history(id))
        .extracting(TransitionRecord::reason)
        .containsExactly(
            TransitionReason.STARTED,
            TransitionReason.PAUSED,
            TransitionReason.RESUMED,
            TransitionReason.PAUSED,
            TransitionReason.RESUMED);
    TransitionRecord line = store.history(id).get(1);
    assertThat(line.by()).isEqualTo("alice");
    assertThat(line.note()).isEqualTo("why");
  }

  @Test
  void aPausedEntryMayCloseButTheWorkflowDoesNotMoveUntilResumed() {
    start(List.of(job(0, "H")));
    act(ControlAction.PAUSE, 1);

    assertThat(ok(0).entryClosed()).isTrue();
    assertThat(
            store.advance(
                id, 1, record("a", "b", 3000), new NewEntry(2, "b", List.of(), null), false, null))
        .isEqualTo(WorkflowSteps.Advanced.ALREADY_MOVED);
    assertThat(store.workflow(id).orElseThrow().entry()).isEqualTo(1);

    Controlled resumed = act(ControlAction.RESUME, 1);
    assertThat(resumed.entryClosed()).as("the resume sends the held PhaseFinished").isTrue();
    assertThat(
            store.advance(
                id, 1, record("a", "b", 3000), new NewEntry(2, "b", List.of(), null), false, null))
        .isEqualTo(WorkflowSteps.Advanced.ADVANCED);
  }

  @Test
  void actionsThatDoNotApplyAreRefusedWithTheStatusFound() {
    start(List.of(job(0, "H")));
    assertThat(act(ControlAction.RESUME, 1))
        .extracting(Controlled::result, Controlled::status)
        .containsExactly(Controlled.Result.REFUSED, WorkflowStatus.RUNNING);
    assertThat(act(ControlAction.PAUSE, 7).result())
        .as("another entry than the current")
        .isEqualTo(Controlled.Result.MOVED);
    assertThat(store.history(id)).hasSize(1);
    assertThat(act(ControlAction.CANCEL, 1).result()).isEqualTo(Controlled.Result.APPLIED);
    assertThat(
            store.redrive(
                id,
                1,
                TransitionRecord.control(ControlAction.REDRIVE, "a", "a", "bob", null, 5),
                new NewEntry(2, "a", List.of(), null)))
        .extracting(Controlled::result, Controlled::status)
        .containsExactly(Controlled.Result.REFUSED, WorkflowStatus.CANCELED);
    id = id + "-none";
    assertThat(act(ControlAction.CANCEL, 1).result()).isEqualTo(Controlled.Result.NOT_FOUND);
  }

  @Test
  void cancelEndsTheWorkflowDropsLateResultsListsItAndExpiresIt() {
    String def = "cx" + id;
    started(def, id, System.currentTimeMillis());
    act(ControlAction.PAUSE, 1);
    assertThat(ids(new WorkflowQuery(def, StatusFilter.PAUSED, 10, null))).containsExactly(id);

    assertThat(act(ControlAction.CANCEL, 1).status()).isEqualTo(WorkflowStatus.CANCELED);
    Completion late = store.complete(id, 1, 0, 1, JobResult.success(null), "job 0", 6000);
    assertThat(late.outcome()).isEqualTo(Completion.Outcome.DROPPED);
    assertThat(store.job(id, 1, 0).orElseThrow().status()).isEqualTo(JobStatus.READY);
    assertThat(act(ControlAction.CANCEL, 1).result()).isEqualTo(Controlled.Result.REFUSED);
    assertThat(store.history(id).get(store.history(id).size() - 1))
        .extracting(TransitionRecord::reason, TransitionRecord::to)
        .containsExactly(TransitionReason.CANCELED, null);
    assertThat(ids(new WorkflowQuery(def, StatusFilter.CANCELED, 10, null))).containsExactly(id);
    assertThat(ids(new WorkflowQuery(def, StatusFilter.PAUSED, 10, null))).isEmpty();
    assertThat(ids(new WorkflowQuery(def, StatusFilter.FINISHED, 10, null))).containsExactly(id);

    elapse(RETENTION.plusMillis(300));
    assertThat(store.workflow(id)).isEmpty();
  }

  @Test
  void redriveOpensANewEntryWithCarriedOutputsAndRunsAgain() {
    String def = "rd" + id;
    store.start(
        WorkflowRecord.created(id, def, 1, data(), System.currentTimeMillis()),
        new NewEntry(1, "a", List.of(job(0, "T"), job(1, "T"), job(2, "T", 0, 1)), null));
    ok(0);
    complete(1, 1, JobResult.failure("boom", false));
    tracking(
        () -> store.advance(id, 1, record("a", null, 4000), null, false, WorkflowStatus.FAILED));
    assertThat(ids(new WorkflowQuery(def, StatusFilter.FAILED, 10, null))).containsExactly(id);

    NewEntry again =
        new NewEntry(
            2,
            "a",
            List.of(job(0, "T"), job(1, "T"), job(2, "T", 0, 1)),
            null,
            Map.of(0, JsonNodeFactory.instance.numberNode(0)));
    TransitionRecord line =
        TransitionRecord.control(ControlAction.REDRIVE, "a", "a", "bob", null, 5000);
    assertThat(store.redrive(id, 2, line, again).result()).isEqualTo(Controlled.Result.MOVED);
    assertThat(tracking(() -> store.redrive(id, 1, line, again)).result())
        .isEqualTo(Controlled.Result.APPLIED);
    assertThat(store.redrive(id, 1, line, again).result()).isEqualTo(Controlled.Result.REFUSED);

    WorkflowRecord wf = store.workflow(id).orElseThrow();
    assertThat(wf.status()).isEqualTo(WorkflowStatus.RUNNING);
    assertThat(wf.entry()).isEqualTo(2);
    assertThat(wf.viaError()).isFalse();
    assertThat(store.jobs(id, 2))
        .extracting(JobRecord::status)
        .containsExactly(JobStatus.SUCCEEDED, JobStatus.READY, JobStatus.WAITING);
    assertThat(store.job(id, 2, 0).orElseThrow().output())
        .isEqualTo(JsonNodeFactory.instance.numberNode(0));
    assertThat(store.entry(id, 1).orElseThrow().failed()).as("closed entries stay").isTrue();
    assertThat(ids(new WorkflowQuery(def, StatusFilter.RUNNING, 10, null))).containsExactly(id);
    assertThat(ids(new WorkflowQuery(def, StatusFilter.FAILED, 10, null))).isEmpty();
    assertThat(store.history(id))
        .extracting(TransitionRecord::reason)
        .containsExactly(
            TransitionReason.STARTED, TransitionReason.SUCCEEDED, TransitionReason.REDRIVEN);

    Completion c = store.complete(id, 2, 1, 1, JobResult.success(null), "job 1", 6000);
    assertThat(c.ready()).extracting(j -> j.spec().index()).containsExactly(2);
    assertThat(store.complete(id, 2, 2, 1, JobResult.success(null), "job 2", 6001).entryClosed())
        .isTrue();

    elapse(RETENTION.plusMillis(300));
    assertThat(store.workflow(id)).as("running again: no expiry").isPresent();
    assertThat(store.jobs(id, 1)).hasSize(3);
    assertThat(
            tracking(
                () ->
                    store.advance(
                        id, 2, record("a", null, 7000), null, false, WorkflowStatus.SUCCEEDED)))
        .isEqualTo(WorkflowSteps.Advanced.ADVANCED);
  }

  @Test
  void aRedriveWhoseJobsAllSucceededBeforeClosesAtOnce() {
    start(List.of(job(0, "T")));
    store.advance(id, 1, record("a", null, 4000), null, false, WorkflowStatus.FAILED);
    NewEntry again =
        new NewEntry(
            2, "a", List.of(job(0, "T")), null, Map.of(0, JsonNodeFactory.instance.nullNode()));
    store.redrive(
        id, 1, TransitionRecord.control(ControlAction.REDRIVE, "a", "a", "bob", null, 5), again);
    assertThat(store.entry(id, 2).orElseThrow().closed()).isTrue();
    assertThat(store.entry(id, 2).orElseThrow().failed()).isFalse();
  }

  /** A cancel racing the completion that closes the entry and the move after it: one outcome. */
  @Test
  void aCancelRacingThePhasesLastCompletionEndsInExactlyOneRecordedOutcome() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 40; round++) {
        id = "race" + round + "-" + System.nanoTime();
        start(List.of(job(0, "H")));
        CountDownLatch go = new CountDownLatch(1);
        Future<Boolean> finisher =
            pool.submit(
                () -> {
                  go.await();
                  Completion c =
                      store.complete(id, 1, 0, 1, JobResult.success(null), "job 0", 3000);
                  return c.entryClosed()
                      && store.advance(
                              id, 1, record("a", null, 3001), null, false, WorkflowStatus.SUCCEEDED)
                          == WorkflowSteps.Advanced.ADVANCED;
                });
        Future<Controlled> canceler =
            pool.submit(
                () -> {
                  TransitionRecord line =
                      TransitionRecord.control(ControlAction.CANCEL, "a", null, "al", null, 3000);
                  go.await();
                  return store.control(id, ControlAction.CANCEL, 1, line);
                });
        go.countDown();
        boolean finished = finisher.get();
        boolean canceled = canceler.get().result() == Controlled.Result.APPLIED;
        WorkflowStatus ended = canceled ? WorkflowStatus.CANCELED : WorkflowStatus.SUCCEEDED;
        SEEN_WORKFLOW
            .computeIfAbsent(WorkflowStatus.RUNNING, s -> ConcurrentHashMap.newKeySet())
            .add(ended);

        assertThat(finished ^ canceled).as("round %d: exactly one outcome", round).isTrue();
        WorkflowRecord wf = store.workflow(id).orElseThrow();
        assertThat(wf.status())
            .isEqualTo(canceled ? WorkflowStatus.CANCELED : WorkflowStatus.SUCCEEDED);
        List<TransitionRecord> h = store.history(id);
        assertThat(h.stream().filter(t -> t.to() == null).count()).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Pauses and resumes racing completions: every job is counted once, and every job the completions
   * make ready is dispatched exactly once, by its completion or by the resume after the pause that
   * held it.
   */
  @Test
  void pauseAndResumeRacingCompletionsCountEveryJobOnceAndDispatchEachOnce() throws Exception {
    int roots = 30;
    List<io.phaseflow.engine.plan.JobSpec> jobs = new ArrayList<>();
    for (int i = 0; i < roots; i++) {
      jobs.add(job(i, "T"));
    }
    for (int i = 0; i < roots; i++) {
      jobs.add(job(roots + i, "T", i)); // each root has one child
    }
    start(jobs);
    List<Integer> dispatched = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        int from = t;
        work.add(
            pool.submit(
                () -> {
                  for (int i = from; i < roots; i += 2) {
                    store
                        .complete(id, 1, i, 1, JobResult.success(null), "job " + i, 3000)
                        .ready()
                        .forEach(j -> dispatched.add(j.spec().index()));
                  }
                }));
      }
      work.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 25; i++) {
                  act(ControlAction.PAUSE, 1);
                  act(ControlAction.RESUME, 1)
                      .released()
                      .forEach(j -> dispatched.add(j.spec().index()));
                }
              }));
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    List<Integer> children = new ArrayList<>();
    for (int i = roots; i < 2 * roots; i++) {
      children.add(i);
    }
    assertThat(dispatched).containsExactlyInAnyOrderElementsOf(children);
    for (int i = roots; i < 2 * roots; i++) {
      store.complete(id, 1, i, 1, JobResult.success(null), "job " + i, 4000);
    }
    EntryRecord e = store.entry(id, 1).orElseThrow();
    assertThat(e.jobs()).isEqualTo(new JobCounts(2 * roots, 2 * roots, 0, 0));
    assertThat(e.closed()).isTrue();
    assertThat(store.workflow(id).orElseThrow().status()).isEqualTo(WorkflowStatus.RUNNING);
  }
}
