package io.phaseflow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.handlers.JobResult;
import io.phaseflow.handlers.protocol.Priority;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What every backend's {@link WorkflowSteps} must do: the in-memory and the Redis store both run
 * these tests, and the control steps' ({@link WorkflowControlContract}).
 */
public abstract class WorkflowStepsContract extends AttemptStepsContract {
  @AfterAll
  static void everyDeclaredJobMoveWasExercised() {
    JobStatus.TABLE
        .moves()
        .forEach(
            (from, tos) ->
                assertThat(SEEN.getOrDefault(from, Set.of()))
                    .as("moves from %s exercised by the contract tests", from)
                    .containsAll(tos));
  }

  @Test
  void startStoresTheWorkflowInItsFirstEntryOnceAndKeepsTheFirstRecord() {
    assertThat(
            store.start(
                WorkflowRecord.created(id, "wf", 2, data(), 1000),
                new NewEntry(1, "a", List.of(job(0, "H")), null)))
        .isEqualTo(WorkflowSteps.Started.STARTED);
    assertThat(
            store.start(
                WorkflowRecord.created(id, "other", 9, data(), 5000),
                new NewEntry(1, "b", List.of(), null)))
        .as("a repeat")
        .isEqualTo(WorkflowSteps.Started.ALREADY_EXISTS);

    WorkflowRecord wf = store.workflow(id).orElseThrow();
    assertThat(wf.definition()).isEqualTo("wf");
    assertThat(wf.version()).isEqualTo(2);
    assertThat(wf.data()).isEqualTo(data());
    assertThat(wf.status()).isEqualTo(WorkflowStatus.RUNNING);
    assertThat(wf.phase()).isEqualTo("a");
    assertThat(wf.entry()).isEqualTo(1);
    assertThat(wf.createdAt()).isEqualTo(1000);
    assertThat(wf.updatedAt()).isEqualTo(1000);
    assertThat(store.history(id)).containsExactly(record(null, "a", 1000));
    assertThat(store.jobs(id, 1)).hasSize(1);
  }

  @Test
  void advanceIsACompareAndSetOnTheCurrentEntry() {
    start(List.of(job(0, "H")));

    assertThat(
            store.advance(
                id, 0, record(null, "a", 1000), new NewEntry(1, "a", List.of(), null), false, null))
        .as("a move from an entry the workflow has left")
        .isEqualTo(WorkflowSteps.Advanced.ALREADY_MOVED);
    assertThat(store.history(id)).hasSize(1);

    ok(0);
    assertThat(
            store.advance(
                id,
                1,
                record("a", "b", 3000),
                new NewEntry(2, "b", List.of(job(0, "G")), null),
                true,
                null))
        .isEqualTo(WorkflowSteps.Advanced.ADVANCED);
    assertThat(
            store.advance(
                id, 1, record("a", "b", 3000), new NewEntry(2, "b", List.of(), null), true, null))
        .isEqualTo(WorkflowSteps.Advanced.ALREADY_MOVED);

    WorkflowRecord wf = store.workflow(id).orElseThrow();
    assertThat(wf.phase()).isEqualTo("b");
    assertThat(wf.entry()).isEqualTo(2);
    assertThat(wf.viaError()).isTrue();
    assertThat(wf.updatedAt()).isEqualTo(3000);
    assertThat(store.history(id)).extracting(TransitionRecord::to).containsExactly("a", "b");
  }

  @Test
  void aWorkflowKeepsThePriorityItStartedWithThroughEveryMove() {
    store.start(
        WorkflowRecord.created(id, "wf", 1, data(), 1000, Priority.HIGH),
        new NewEntry(1, "a", List.of(job(0, "H")), null));
    assertThat(store.workflow(id).orElseThrow().priority()).isEqualTo(Priority.HIGH);

    ok(0);
    store.advance(
        id,
        1,
        record("a", "b", 3000),
        new NewEntry(2, "b", List.of(job(0, "G")), null),
        false,
        null);
    assertThat(store.workflow(id).orElseThrow().priority()).isEqualTo(Priority.HIGH);
    store.complete(id, 2, 0, 1, JobResult.success(null), "job 0", 3500);
    store.advance(id, 2, record("b", null, 4000), null, false, WorkflowStatus.SUCCEEDED);
    assertThat(store.workflow(id).orElseThrow().priority()).isEqualTo(Priority.HIGH);
    assertThat(store.snapshot(id, 2).orElseThrow().workflow().priority()).isEqualTo(Priority.HIGH);
  }

  @Test
  void aWorkflowStartedWithoutAPriorityIsNormal() {
    start(List.of());

    assertThat(store.workflow(id).orElseThrow().priority()).isEqualTo(Priority.NORMAL);
  }

  @Test
  void finishingEndsTheWorkflowAndRefusesFurtherMoves() {
    start(List.of());
    assertThat(store.advance(id, 1, record("a", null, 4000), null, false, WorkflowStatus.SUCCEEDED))
        .isEqualTo(WorkflowSteps.Advanced.ADVANCED);

    WorkflowRecord wf = store.workflow(id).orElseThrow();
    assertThat(wf.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(wf.phase()).isEqualTo("a");
    assertThat(store.advance(id, 1, record("a", null, 4000), null, false, WorkflowStatus.FAILED))
        .isEqualTo(WorkflowSteps.Advanced.ALREADY_MOVED);
    assertThat(store.workflow(id).orElseThrow().status()).isEqualTo(WorkflowStatus.SUCCEEDED);
  }

  @Test
  void aFinishedWorkflowExpiresWithAllItsStateAfterTheRetention() {
    start(List.of(job(0, "H")));
    ok(0);
    store.advance(
        id,
        1,
        record("a", "b", 3000),
        new NewEntry(2, "b", List.of(job(0, "G")), null),
        false,
        null);
    store.complete(id, 2, 0, 1, JobResult.success(null), "job 0", 3500);
    store.advance(id, 2, record("b", null, 4000), null, false, WorkflowStatus.SUCCEEDED);
    assertThat(store.workflow(id)).as("readable right after finishing").isPresent();

    elapse(RETENTION.plusMillis(300));

    assertThat(store.workflow(id)).isEmpty();
    assertThat(store.history(id)).isEmpty();
    assertThat(store.jobs(id, 1)).isEmpty();
    assertThat(store.jobs(id, 2)).isEmpty();
    assertThat(store.entry(id, 2)).isEmpty();
  }

  @Test
  void aRunningWorkflowDoesNotExpire() {
    start(List.of(job(0, "H")));

    elapse(RETENTION.plusMillis(300));

    assertThat(store.workflow(id)).isPresent();
    assertThat(store.jobs(id, 1)).hasSize(1);
    assertThat(store.history(id)).hasSize(1);
  }

  @Test
  void openingAnEntryMakesJobsWithoutParentsReady() {
    start(List.of(job(0, "H"), job(1, "H", 0), job(2, "G")));

    assertThat(store.jobs(id, 1))
        .extracting(JobRecord::status)
        .containsExactly(JobStatus.READY, JobStatus.WAITING, JobStatus.READY);
    JobRecord second = store.job(id, 1, 1).orElseThrow();
    assertThat(second.spec()).isEqualTo(job(1, "H", 0));
    assertThat(second.attempt()).isEqualTo(1);
    EntryRecord entry = store.entry(id, 1).orElseThrow();
    assertThat(entry.phase()).isEqualTo("a");
    assertThat(entry.openedAt()).isEqualTo(1000);
    assertThat(entry.closed()).isFalse();
    assertThat(entry.jobs()).isEqualTo(new JobCounts(3, 0, 0, 0));
  }

  @Test
  void anEntryWithoutJobsIsClosedAtOnce() {
    start(List.of());
    EntryRecord entry = store.entry(id, 1).orElseThrow();
    assertThat(entry.closed()).isTrue();
    assertThat(entry.failed()).isFalse();
    assertThat(entry.closedAt()).isEqualTo(1000);
  }

  @Test
  void anEntryWhosePlanningFailedIsClosedFailedAtOnce() {
    store.start(
        WorkflowRecord.created(id, "wf", 1, data(), 1000),
        new NewEntry(1, "a", List.of(), "for_each: not an array"));

    EntryRecord entry = store.entry(id, 1).orElseThrow();
    assertThat(entry.closed()).isTrue();
    assertThat(entry.error()).isEqualTo("for_each: not an array");
  }

  @Test
  void onlyTheCompletionThatEndsTheLastOpenJobClosesTheEntry() {
    start(List.of(job(0, "H"), job(1, "H"), job(2, "G")));

    assertThat(ok(2).entryClosed()).isFalse();
    assertThat(ok(0).entryClosed()).isFalse();
    Completion last = ok(1);

    assertThat(last.outcome()).isEqualTo(Completion.Outcome.RECORDED);
    assertThat(last.entryClosed()).isTrue();
    EntryRecord entry = store.entry(id, 1).orElseThrow();
    assertThat(entry.closedAt()).isEqualTo(2001);
    assertThat(entry.jobs()).isEqualTo(new JobCounts(3, 3, 0, 0));
    assertThat(entry.byHandler())
        .containsEntry("H", new JobCounts(2, 2, 0, 0))
        .containsEntry("G", new JobCounts(1, 1, 0, 0));
    assertThat(store.jobs(id, 1))
        .extracting(JobRecord::output)
        .containsExactly(
            JsonNodeFactory.instance.numberNode(0),
            JsonNodeFactory.instance.numberNode(1),
            JsonNodeFactory.instance.numberNode(2));
  }

  @Test
  void aRepeatedCompletionChangesNothing() {
    start(List.of(job(0, "H"), job(1, "H")));
    ok(0);

    Completion again = complete(0, 1, JobResult.failure("late failure", false));

    assertThat(again.outcome()).isEqualTo(Completion.Outcome.DUPLICATE);
    assertThat(again.entryClosed()).isFalse();
    JobRecord j = store.job(id, 1, 0).orElseThrow();
    assertThat(j.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(j.output()).isEqualTo(JsonNodeFactory.instance.numberNode(0));
    assertThat(store.entry(id, 1).orElseThrow().jobs()).isEqualTo(new JobCounts(2, 1, 0, 0));
  }

  @Test
  void aRepeatAfterTheEntryClosedSaysClosedAgainSoALostPhaseFinishedIsResent() {
    start(List.of(job(0, "H")));
    assertThat(ok(0).entryClosed()).isTrue();

    Completion again = ok(0);
    assertThat(again.outcome()).isEqualTo(Completion.Outcome.DUPLICATE);
    assertThat(again.entryClosed()).isTrue();
  }

  @Test
  void childrenBecomeReadyWhenTheirLastParentSucceeds() {
    // 0 → 2, 1 → 2, 2 → 3
    start(List.of(job(0, "T"), job(1, "T"), job(2, "T", 0, 1), job(3, "T", 2)));

    assertThat(tracked(0, 1, JobResult.success(NullNode.getInstance())).ready()).isEmpty();
    Completion c = tracked(1, 1, JobResult.success(NullNode.getInstance()));
    assertThat(c.ready()).extracting(r -> r.spec().index()).containsExactly(2);
    assertThat(c.ready().get(0).status()).isEqualTo(JobStatus.READY);

    Completion dup = tracked(1, 1, JobResult.success(NullNode.getInstance()));
    assertThat(dup.outcome()).isEqualTo(Completion.Outcome.DUPLICATE);
    assertThat(dup.ready())
        .as("still-ready children are returned again for redispatch")
        .extracting(r -> r.spec().index())
        .containsExactly(2);

    assertThat(tracked(2, 1, JobResult.success(NullNode.getInstance())).ready())
        .extracting(r -> r.spec().index())
        .containsExactly(3);
  }

  @Test
  void aFailureSkipsEverythingBelowItAndRecordsTheFirstError() {
    // 0 → 1 → 2, 3 independent
    start(List.of(job(0, "T"), job(1, "T", 0), job(2, "T", 1), job(3, "T")));

    Completion failed = tracked(0, 1, JobResult.failure("disk full", false));
    assertThat(failed.ready()).isEmpty();
    assertThat(failed.entryClosed()).as("job 3 still runs").isFalse();
    assertThat(store.jobs(id, 1))
        .extracting(JobRecord::status)
        .containsExactly(JobStatus.FAILED, JobStatus.SKIPPED, JobStatus.SKIPPED, JobStatus.READY);

    tracked(3, 1, JobResult.failure("second failure", false));
    EntryRecord entry = store.entry(id, 1).orElseThrow();
    assertThat(entry.closed()).isTrue();
    assertThat(entry.error()).contains("disk full").contains("T0").doesNotContain("second");
    assertThat(entry.jobs()).isEqualTo(new JobCounts(4, 0, 2, 2));
    assertThat(store.job(id, 1, 0).orElseThrow().error()).isEqualTo("disk full");
  }

  @Test
  void retryMovesToTheNextAttemptOnceAndStaleAttemptsAreIgnored() {
    start(List.of(job(0, "H"), job(1, "H")));

    List<JobRecord> before = store.jobs(id, 1);
    assertThat(store.retry(id, 1, 0, 1)).isEqualTo(WorkflowSteps.Retried.RETRIED);
    seenMoves(before, store.jobs(id, 1));
    SEEN.computeIfAbsent(JobStatus.READY, s -> EnumSet.noneOf(JobStatus.class))
        .add(JobStatus.READY);
    assertThat(store.retry(id, 1, 0, 1))
        .as("a duplicate failure of attempt 1")
        .isEqualTo(WorkflowSteps.Retried.NOT_CURRENT);
    assertThat(store.job(id, 1, 0).orElseThrow().attempt()).isEqualTo(2);

    assertThat(complete(0, 1, JobResult.success(null)).outcome())
        .isEqualTo(Completion.Outcome.STALE);
    assertThat(store.job(id, 1, 0).orElseThrow().status()).isEqualTo(JobStatus.READY);
    assertThat(complete(0, 2, JobResult.success(null)).outcome())
        .isEqualTo(Completion.Outcome.RECORDED);
    assertThat(store.retry(id, 1, 0, 2))
        .as("no retry after the end")
        .isEqualTo(WorkflowSteps.Retried.NOT_CURRENT);
  }

  @Test
  void aBatchContainingADuplicateAndAStaleResultIsAppliedExactlyOnce() {
    start(List.of(job(0, "H"), job(1, "H")));
    assertThat(store.retry(id, 1, 0, 1)).isEqualTo(WorkflowSteps.Retried.RETRIED);
    JobResult ok = JobResult.success(JsonNodeFactory.instance.numberNode(7));

    List<Completion> done =
        store.completeAll(
            id,
            1,
            List.of(
                new WorkflowSteps.JobEnd(1, 1, ok, "job 1 (H)", 4000, 5001),
                new WorkflowSteps.JobEnd(1, 1, ok, "job 1 (H)", 4000, 5002), // its duplicate
                new WorkflowSteps.JobEnd(0, 1, ok, "job 0 (H)", 4000, 5003), // retried: stale
                new WorkflowSteps.JobEnd(0, 2, ok, "job 0 (H)", 4000, 5004),
                new WorkflowSteps.JobEnd(0, 2, ok, "job 0 (H)", 4000, 5005))); // its duplicate

    assertThat(done)
        .extracting(Completion::outcome)
        .containsExactly(
            Completion.Outcome.RECORDED,
            Completion.Outcome.DUPLICATE,
            Completion.Outcome.STALE,
            Completion.Outcome.RECORDED,
            Completion.Outcome.DUPLICATE);
    assertThat(done)
        .as("only the ending that leaves no job open closes it (a later repeat says so again)")
        .extracting(Completion::entryClosed)
        .containsExactly(false, false, false, true, true);
    assertThat(store.jobs(id, 1))
        .as("each job ended once, by its first current end")
        .extracting(JobRecord::status, JobRecord::attempt, JobRecord::endedAt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(JobStatus.SUCCEEDED, 2, 5004L),
            org.assertj.core.groups.Tuple.tuple(JobStatus.SUCCEEDED, 1, 5001L));
    EntryRecord entry = store.entry(id, 1).orElseThrow();
    assertThat(entry.jobs()).isEqualTo(new JobCounts(2, 2, 0, 0));
    assertThat(entry.closedAt())
        .as("closed once, by the first end of job 0's attempt 2")
        .isEqualTo(5004);
    assertThat(store.history(id)).as("no transition from a job's end").hasSize(1);
  }

  @Test
  void completionsForAnUnknownJobOrEntryAreStale() {
    start(List.of(job(0, "H")));
    assertThat(store.complete(id, 1, 7, 1, JobResult.success(null), "job 7", 1).outcome())
        .isEqualTo(Completion.Outcome.STALE);
    assertThat(store.complete(id, 2, 0, 1, JobResult.success(null), "job 0", 1).outcome())
        .isEqualTo(Completion.Outcome.STALE);
    assertThat(store.retry(id, 2, 0, 1)).isEqualTo(WorkflowSteps.Retried.NOT_CURRENT);
  }

  @Test
  void manyJobsInOneEntry() {
    List<JobSpec> jobs = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      jobs.add(job(i, i % 2 == 0 ? "Even" : "Odd"));
    }
    start(jobs);
    for (int i = 0; i < 500; i++) {
      assertThat(ok(i).entryClosed()).isEqualTo(i == 499);
    }
    assertThat(store.entry(id, 1).orElseThrow().byHandler())
        .containsEntry("Even", new JobCounts(250, 250, 0, 0))
        .containsEntry("Odd", new JobCounts(250, 250, 0, 0));
  }
}
