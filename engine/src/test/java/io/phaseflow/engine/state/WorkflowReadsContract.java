package io.phaseflow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.handlers.JobResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every backend's {@link WorkflowReads} must answer: the in-memory and the Redis store both
 * run these tests.
 */
public abstract class WorkflowReadsContract extends StateStoreFixture {

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
  void aJobKeepsWhenItsLastAttemptStartedAndEnded() {
    start(List.of(job(0, "H"), job(1, "G", 0), job(2, "F", 0), job(3, "E")));
    long opened = store.entry(id, 1).orElseThrow().openedAt();

    store.complete(id, 1, 0, 1, JobResult.success(null), "job 0", opened + 5, opened + 1300);
    store.complete(id, 1, 3, 1, JobResult.success(null), "job 3", 0, opened + 70_000);
    store.complete(id, 1, 1, 1, JobResult.failure("boom", false), "job 1", opened - 2, opened + 9);

    List<JobRecord> jobs = store.jobs(id, 1);
    assertThat(jobs)
        .extracting(JobRecord::startedAt, JobRecord::endedAt)
        .as("start and end; a start the handler did not report (or on a clock behind) as given")
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(opened + 5, opened + 1300),
            org.assertj.core.groups.Tuple.tuple(opened - 2, opened + 9),
            org.assertj.core.groups.Tuple.tuple(0L, 0L), // skipped below the failure: never ran
            org.assertj.core.groups.Tuple.tuple(0L, opened + 70_000));
    assertThat(store.job(id, 1, 0).orElseThrow())
        .as("a single job read carries them too")
        .extracting(JobRecord::startedAt, JobRecord::endedAt)
        .containsExactly(opened + 5, opened + 1300);
  }

  @Test
  void anOpenJobHasNoTimesAndARepeatedEndKeepsTheFirst() {
    start(List.of(job(0, "H"), job(1, "G")));
    long opened = store.entry(id, 1).orElseThrow().openedAt();
    store.complete(id, 1, 0, 1, JobResult.success(null), "job 0", opened + 1, opened + 2);
    store.complete(id, 1, 0, 1, JobResult.success(null), "job 0", opened + 50, opened + 60);

    assertThat(store.job(id, 1, 0).orElseThrow())
        .extracting(JobRecord::startedAt, JobRecord::endedAt)
        .containsExactly(opened + 1, opened + 2);
    assertThat(store.job(id, 1, 1).orElseThrow())
        .extracting(JobRecord::startedAt, JobRecord::endedAt)
        .containsExactly(0L, 0L);
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

  /**
   * Enough workflows that every shard and bucket of an index holds some (Redis spreads one status
   * of a definition over many sets): paged 25 at a time, each status filter still sees its
   * workflows newest first, once each, ties of the same millisecond ordered by id. The finishes
   * come last, within the short retention of these tests.
   */
  @Test
  void aLargeListingPagesEveryStatusNewestFirstOnce() {
    String def = "d" + id;
    long base = System.currentTimeMillis();
    Map<String, Long> created = new java.util.HashMap<>();
    for (int i = 0; i < 400; i++) {
      String wid = id + "-" + (char) ('a' + i % 3) + i;
      created.put(wid, base + i / 3);
      started(def, wid, base + i / 3);
    }
    java.util.Comparator<String> newestFirst =
        java.util.Comparator.comparing((String w) -> created.get(w))
            .thenComparing(w -> w)
            .reversed();
    List<String> all = created.keySet().stream().sorted(newestFirst).toList();
    List<String> finished = all.stream().filter(w -> w.hashCode() % 5 == 0).toList();
    List<String> running = all.stream().filter(w -> w.hashCode() % 5 != 0).toList();
    finished.forEach(w -> finish(w, base + 1000, WorkflowStatus.SUCCEEDED));

    assertThat(allPages(new WorkflowQuery(def, StatusFilter.ANY, 25, null))).isEqualTo(all);
    assertThat(allPages(new WorkflowQuery(def, StatusFilter.FINISHED, 25, null)))
        .isEqualTo(finished);
    assertThat(allPages(new WorkflowQuery(def, StatusFilter.RUNNING, 25, null))).isEqualTo(running);
  }

  private List<String> allPages(WorkflowQuery query) {
    List<String> seen = new ArrayList<>();
    while (true) {
      WorkflowPage page = store.list(query);
      page.workflows().forEach(w -> seen.add(w.id()));
      if (page.next() == null) {
        return seen;
      }
      assertThat(page.workflows()).hasSize(query.limit());
      query = query.withAfter(page.next());
    }
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

  /**
   * The listing follows each step at once: no reader or later write has to catch it up, and a
   * repeated step (a redelivered message) leaves it as it was.
   */
  @Test
  void theListingIsRightStraightAfterEachStepAndAfterARepeat() {
    String def = "d" + id;
    long base = System.currentTimeMillis();
    WorkflowQuery running = new WorkflowQuery(def, StatusFilter.RUNNING, 10, null);
    WorkflowQuery failed = new WorkflowQuery(def, StatusFilter.FAILED, 10, null);
    WorkflowQuery any = new WorkflowQuery(def, StatusFilter.ANY, 10, null);
    String wid = started(def, id + "-s", base);
    assertThat(ids(running)).containsExactly(wid);

    assertThat(
            store.start(
                WorkflowRecord.created(wid, def, 1, JsonNodeFactory.instance.objectNode(), base),
                new NewEntry(1, "a", List.of(job(0, "H")), null)))
        .isEqualTo(WorkflowSteps.Started.ALREADY_EXISTS);
    assertThat(ids(any)).containsExactly(wid);

    finish(wid, base + 5, WorkflowStatus.FAILED);
    assertThat(ids(running)).isEmpty();
    assertThat(ids(failed)).containsExactly(wid);

    assertThat(
            store.advance(
                wid, 1, record("a", null, base + 6), null, false, WorkflowStatus.SUCCEEDED))
        .isEqualTo(WorkflowSteps.Advanced.ALREADY_MOVED);
    assertThat(ids(any)).containsExactly(wid);
    assertThat(ids(failed)).containsExactly(wid);
  }
}
