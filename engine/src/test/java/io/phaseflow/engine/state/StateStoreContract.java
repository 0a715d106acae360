package io.phaseflow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.handlers.JobResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StateStore} must do: the in-memory and the Redis store both run these tests.
 * Each test uses fresh workflow ids, so stores may be shared between tests.
 */
public abstract class StateStoreContract {
  /** Job moves seen by any test of any backend, checked against the declared table at the end. */
  static final Map<JobStatus, Set<JobStatus>> SEEN = new EnumMap<>(JobStatus.class);

  protected StateStore store;
  private String id;

  /** How long the stores under test keep finished workflows. */
  protected static final java.time.Duration RETENTION = java.time.Duration.ofSeconds(1);

  /**
   * A store to test, keeping finished workflows for {@link #RETENTION}; called before each test.
   */
  protected abstract StateStore newStore();

  /** Lets {@code d} pass for the store: a fake clock in memory, real time on a server. */
  protected abstract void elapse(java.time.Duration d);

  @BeforeEach
  void open() {
    store = newStore();
    id = "t" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

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

  // --- helpers -----------------------------------------------------------------------------

  static JobSpec job(int index, String handler, Integer... parents) {
    return new JobSpec(
        index,
        handler + index,
        handler,
        1,
        3,
        JsonNodeFactory.instance.textNode("p" + index),
        List.of(parents));
  }

  static TransitionRecord record(String from, String to, long at) {
    return new TransitionRecord(
        from,
        to,
        from == null ? TransitionReason.STARTED : TransitionReason.SUCCEEDED,
        null,
        at,
        at,
        JobCounts.NONE,
        Map.of());
  }

  private void start(List<JobSpec> jobs) {
    assertThat(
            store.start(
                WorkflowRecord.created(id, "wf", 1, data(), 1000),
                new NewEntry(1, "a", jobs, null)))
        .isTrue();
  }

  private static JsonNode data() {
    return JsonNodeFactory.instance.objectNode().put("query", "redis");
  }

  private Completion ok(int job) {
    return complete(job, 1, JobResult.success(JsonNodeFactory.instance.numberNode(job)));
  }

  private Completion complete(int job, int attempt, JobResult result) {
    JobStatus before = store.job(id, 1, job).map(JobRecord::status).orElse(null);
    Completion c = store.complete(id, 1, job, attempt, result, label(job), 2000 + job);
    JobStatus after = store.job(id, 1, job).map(JobRecord::status).orElse(null);
    if (before != null && before != after) {
      SEEN.computeIfAbsent(before, s -> EnumSet.noneOf(JobStatus.class)).add(after);
    }
    return c;
  }

  /** How the engine names a job in an entry's first error. */
  private String label(int job) {
    return store
        .job(id, 1, job)
        .map(j -> "job " + job + " (" + j.spec().name() + ")")
        .orElse("job " + job);
  }

  private void seenMoves(List<JobRecord> before, List<JobRecord> after) {
    for (int i = 0; i < before.size(); i++) {
      if (before.get(i).status() != after.get(i).status()) {
        SEEN.computeIfAbsent(before.get(i).status(), s -> EnumSet.noneOf(JobStatus.class))
            .add(after.get(i).status());
      }
    }
  }

  private Completion tracked(int job, int attempt, JobResult result) {
    List<JobRecord> before = store.jobs(id, 1);
    Completion c = store.complete(id, 1, job, attempt, result, label(job), 3000);
    seenMoves(before, store.jobs(id, 1));
    return c;
  }

  // --- workflows ---------------------------------------------------------------------------

  @Test
  void startStoresTheWorkflowInItsFirstEntryOnceAndKeepsTheFirstRecord() {
    assertThat(
            store.start(
                WorkflowRecord.created(id, "wf", 2, data(), 1000),
                new NewEntry(1, "a", List.of(job(0, "H")), null)))
        .isTrue();
    assertThat(
            store.start(
                WorkflowRecord.created(id, "other", 9, data(), 5000),
                new NewEntry(1, "b", List.of(), null)))
        .as("a repeat")
        .isFalse();

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
  void unknownWorkflowReadsAsEmpty() {
    assertThat(store.workflow(id)).isEmpty();
    assertThat(store.history(id)).isEmpty();
    assertThat(store.jobs(id, 1)).isEmpty();
    assertThat(store.entry(id, 1)).isEmpty();
    assertThat(store.complete(id, 1, 0, 1, JobResult.success(null), "job 0", 1).outcome())
        .isEqualTo(Completion.Outcome.STALE);
  }

  @Test
  void advanceIsACompareAndSetOnTheCurrentEntry() {
    start(List.of(job(0, "H")));

    assertThat(
            store.advance(
                id, 0, record(null, "a", 1000), new NewEntry(1, "a", List.of(), null), false, null))
        .as("a move from an entry the workflow has left")
        .isFalse();
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
        .isTrue();
    assertThat(
            store.advance(
                id, 1, record("a", "b", 3000), new NewEntry(2, "b", List.of(), null), true, null))
        .isFalse();

    WorkflowRecord wf = store.workflow(id).orElseThrow();
    assertThat(wf.phase()).isEqualTo("b");
    assertThat(wf.entry()).isEqualTo(2);
    assertThat(wf.viaError()).isTrue();
    assertThat(wf.updatedAt()).isEqualTo(3000);
    assertThat(store.history(id)).extracting(TransitionRecord::to).containsExactly("a", "b");
  }

  @Test
  void finishingEndsTheWorkflowAndRefusesFurtherMoves() {
    start(List.of());
    assertThat(store.advance(id, 1, record("a", null, 4000), null, false, WorkflowStatus.SUCCEEDED))
        .isTrue();

    WorkflowRecord wf = store.workflow(id).orElseThrow();
    assertThat(wf.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
    assertThat(wf.phase()).isEqualTo("a");
    assertThat(store.advance(id, 1, record("a", null, 4000), null, false, WorkflowStatus.FAILED))
        .isFalse();
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
  void historyKeepsEveryFieldInOrder() {
    start(List.of(job(0, "H"), job(1, "G")));
    TransitionRecord left =
        new TransitionRecord(
            "a",
            "b",
            TransitionReason.FAILED,
            "job 1 (G1): boom",
            1000,
            2500,
            new JobCounts(2, 1, 1, 0),
            Map.of("H", new JobCounts(1, 1, 0, 0), "G", new JobCounts(1, 0, 1, 0)));
    store.advance(id, 1, left, new NewEntry(2, "b", List.of(), null), true, null);

    assertThat(store.history(id)).containsExactly(record(null, "a", 1000), left);
  }

  // --- entries and jobs --------------------------------------------------------------------

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
    assertThat(store.retry(id, 1, 0, 1)).isTrue();
    seenMoves(before, store.jobs(id, 1));
    SEEN.computeIfAbsent(JobStatus.READY, s -> EnumSet.noneOf(JobStatus.class))
        .add(JobStatus.READY);
    assertThat(store.retry(id, 1, 0, 1)).as("a duplicate failure of attempt 1").isFalse();
    assertThat(store.job(id, 1, 0).orElseThrow().attempt()).isEqualTo(2);

    assertThat(complete(0, 1, JobResult.success(null)).outcome())
        .isEqualTo(Completion.Outcome.STALE);
    assertThat(store.job(id, 1, 0).orElseThrow().status()).isEqualTo(JobStatus.READY);
    assertThat(complete(0, 2, JobResult.success(null)).outcome())
        .isEqualTo(Completion.Outcome.RECORDED);
    assertThat(store.retry(id, 1, 0, 2)).as("no retry after the end").isFalse();
  }

  @Test
  void completionsForAnUnknownJobOrEntryAreStale() {
    start(List.of(job(0, "H")));
    assertThat(store.complete(id, 1, 7, 1, JobResult.success(null), "job 7", 1).outcome())
        .isEqualTo(Completion.Outcome.STALE);
    assertThat(store.complete(id, 2, 0, 1, JobResult.success(null), "job 0", 1).outcome())
        .isEqualTo(Completion.Outcome.STALE);
    assertThat(store.retry(id, 2, 0, 1)).isFalse();
  }

  @Test
  void payloadsAndOutputsRoundTripAsJson() {
    JsonNode payload =
        JsonNodeFactory.instance
            .objectNode()
            .put("page", "redis.txt")
            .put("score", 3)
            .set("tags", JsonNodeFactory.instance.arrayNode().add("a").add("ü, \"quoted\""));
    JobSpec spec = new JobSpec(0, "PageSummarizer", "PageSummarizer", 2, 5, payload, List.of());
    start(List.of(spec));
    JsonNode output =
        JsonNodeFactory.instance.objectNode().put("summary", "Redis is fast.\nReally.");

    store.complete(id, 1, 0, 1, JobResult.success(output), "job 0", 2000);

    JobRecord j = store.job(id, 1, 0).orElseThrow();
    assertThat(j.spec()).isEqualTo(spec);
    assertThat(j.output()).isEqualTo(output);
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

  // --- listing -----------------------------------------------------------------------------

  /** Starts a workflow of {@code definition} created at {@code at}, in phase a. */
  private String started(String definition, String wid, long at) {
    assertThat(
            store.start(
                WorkflowRecord.created(wid, definition, 1, data(), at),
                new NewEntry(1, "a", List.of(job(0, "H")), null)))
        .isTrue();
    return wid;
  }

  private void finish(String wid, long at, WorkflowStatus status) {
    assertThat(store.advance(wid, 1, record("a", null, at), null, false, status)).isTrue();
  }

  private List<String> ids(WorkflowQuery query) {
    return store.list(query).workflows().stream().map(WorkflowRecord::id).toList();
  }

  @Test
  void listingIsNewestFirstAndPagesCoverEveryWorkflowOnce() {
    String def = "d" + id;
    long base = System.currentTimeMillis();
    List<String> newestFirst = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      newestFirst.add(0, started(def, id + "-" + i, base + i));
    }
    // Same creation time: ties are ordered by id (the greater first), and paging loses neither.
    newestFirst.add(0, started(def, id + "-z", base + 4));

    List<String> seen = new ArrayList<>();
    WorkflowQuery query = new WorkflowQuery(def, StatusFilter.ANY, 2, null);
    int pages = 0;
    while (true) {
      WorkflowPage page = store.list(query);
      pages++;
      page.workflows().forEach(w -> seen.add(w.id()));
      if (page.next() == null) {
        break;
      }
      assertThat(page.workflows()).hasSize(2);
      query = query.withAfter(page.next());
    }
    assertThat(seen).containsExactlyElementsOf(newestFirst);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void listingFiltersByStatusAndDefinition() {
    String def = "d" + id;
    long base = System.currentTimeMillis();
    String running = started(def, id + "-r", base);
    String ok = started(def, id + "-ok", base + 1);
    String bad = started(def, id + "-bad", base + 2);
    String other = started("other" + id, id + "-other", base + 3);
    finish(ok, base + 10, WorkflowStatus.SUCCEEDED);
    finish(bad, base + 11, WorkflowStatus.FAILED);

    assertThat(ids(new WorkflowQuery(def, StatusFilter.RUNNING, 10, null)))
        .containsExactly(running);
    assertThat(ids(new WorkflowQuery(def, StatusFilter.SUCCEEDED, 10, null))).containsExactly(ok);
    assertThat(ids(new WorkflowQuery(def, StatusFilter.FAILED, 10, null))).containsExactly(bad);
    assertThat(ids(new WorkflowQuery(def, StatusFilter.FINISHED, 10, null)))
        .containsExactly(bad, ok);
    assertThat(ids(new WorkflowQuery(def, StatusFilter.ANY, 10, null)))
        .containsExactly(bad, ok, running);
    assertThat(ids(new WorkflowQuery(null, StatusFilter.ANY, WorkflowQuery.MAX_LIMIT, null)))
        .as("every definition, newest first")
        .containsSubsequence(other, bad, ok, running);
    assertThat(store.list(new WorkflowQuery(def, StatusFilter.FAILED, 10, null)).workflows())
        .singleElement()
        .satisfies(w -> assertThat(w.status()).isEqualTo(WorkflowStatus.FAILED));
  }

  @Test
  void expiredWorkflowsLeaveTheListing() {
    String def = "d" + id;
    long base = System.currentTimeMillis();
    String gone = started(def, id + "-gone", base);
    String stays = started(def, id + "-stays", base + 1);
    finish(gone, base + 5, WorkflowStatus.SUCCEEDED);

    elapse(RETENTION.plusMillis(300));

    assertThat(ids(new WorkflowQuery(def, StatusFilter.ANY, 10, null))).containsExactly(stays);
  }

  @Test
  void anEmptyListingHasNoNextPage() {
    WorkflowPage page = store.list(new WorkflowQuery("none" + id, StatusFilter.ANY, 5, null));
    assertThat(page.workflows()).isEmpty();
    assertThat(page.next()).isNull();
  }

  @Test
  void currentEntriesAreReadForManyWorkflowsInOrder() {
    String def = "d" + id;
    long base = System.currentTimeMillis();
    String first = started(def, id + "-1", base);
    String second = started(def, id + "-2", base + 1);
    store.complete(second, 1, 0, 1, JobResult.success(null), "job 0", base + 2);
    List<WorkflowRecord> wfs =
        List.of(
            store.workflow(second).orElseThrow(),
            WorkflowRecord.created(id + "-new", def, 1, data(), base),
            store.workflow(first).orElseThrow());

    List<Optional<EntryRecord>> current = store.currentEntries(wfs);

    assertThat(current).hasSize(3);
    assertThat(current.get(0)).isEqualTo(store.entry(second, 1));
    assertThat(current.get(0).orElseThrow().jobs()).isEqualTo(new JobCounts(1, 1, 0, 0));
    assertThat(current.get(1)).as("before its first entry").isEmpty();
    assertThat(current.get(2).orElseThrow().jobs().open()).isEqualTo(1);
  }
}
