package io.phaseflow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.handlers.JobResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Entries far wider than a phase usually is, on every backend: thousands of jobs are stored, joined
 * exactly and read back whole (part of {@link WorkflowStepsContract}). Redis keeps such an entry's
 * jobs in pages of its hash and stages them before the step that stores the entry.
 */
abstract class WideEntryContract extends HandlerLimitsContract {
  /** Wider than one script's arguments could carry (Lua unpacks at most ~8,000 values). */
  static final int WIDE = 3_000;

  private Completion done(int entry, int job, int attempt) {
    return store.complete(
        id,
        entry,
        job,
        attempt,
        JobResult.success(JsonNodeFactory.instance.numberNode(job * 2)),
        "job " + job,
        5000 + job);
  }

  @Test
  void aWideEntryJoinsExactlyOnceItsLastJobSucceeds() {
    start(wide(WIDE));
    assertThat(store.jobs(id, 1)).hasSize(WIDE).allMatch(j -> j.status() == JobStatus.READY);
    for (int i = WIDE - 1; i > 0; i--) {
      assertThat(done(1, i, 1).entryClosed()).as("closed after job %d", i).isFalse();
    }
    assertThat(done(1, WIDE - 1, 1).outcome()).isEqualTo(Completion.Outcome.DUPLICATE);
    assertThat(store.entry(id, 1).orElseThrow().closed()).isFalse();
    Completion last = done(1, 0, 1);
    assertThat(last.outcome()).isEqualTo(Completion.Outcome.RECORDED);
    assertThat(last.entryClosed()).isTrue();

    List<JobRecord> jobs = store.jobs(id, 1);
    assertThat(jobs).hasSize(WIDE);
    for (int i = 0; i < WIDE; i++) {
      JobRecord j = jobs.get(i);
      assertThat(j.status()).as("job %d", i).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(j.spec().payload().asInt()).as("payload of job %d", i).isEqualTo(i);
      assertThat(j.output().asInt()).as("output of job %d", i).isEqualTo(i * 2);
    }
    assertThat(store.job(id, 1, WIDE - 1).orElseThrow().output().asInt()).isEqualTo(2 * WIDE - 2);
  }

  @Test
  void aJobOfALaterPageRetriesAndIsReadAlone() {
    start(wide(WIDE));
    int job = 2_345;
    AttemptSteps.Attempt first = new AttemptSteps.Attempt(id, 1, job, 1);
    assertThat(
            store
                .attempts()
                .retry(first, new RetriedAttempt(job, "Fan", 1, 5000, 5100, "boom", 10), 6000))
        .isEqualTo(WorkflowSteps.Retried.RETRIED);
    assertThat(done(1, job, 1).outcome()).isEqualTo(Completion.Outcome.STALE);
    JobRecord retried = store.job(id, 1, job).orElseThrow();
    assertThat(retried.attempt()).isEqualTo(2);
    assertThat(retried.retried()).extracting(RetriedAttempt::error).containsExactly("boom");
    assertThat(done(1, job, 2).outcome()).isEqualTo(Completion.Outcome.RECORDED);
    assertThat(store.job(id, 1, job).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(store.job(id, 1, WIDE)).isEmpty();

    store.complete(id, 1, job + 1, 1, JobResult.success(null), "job " + (job + 1), 7000);
    JobRecord nothing = store.job(id, 1, job + 1).orElseThrow();
    assertThat(nothing.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(nothing.output()).as("a null output reads back as JSON null").isNotNull();
    assertThat(nothing.output().isNull()).isTrue();
    assertThat(store.jobs(id, 1).get(job + 1).output().isNull()).isTrue();
  }

  @Test
  void firstAttemptsArmedTogetherExpireOnlyWhileCurrent() {
    start(wide(200));
    List<AttemptSteps.Deadline> deadlines = new ArrayList<>();
    for (int j = 0; j < 200; j++) {
      deadlines.add(new AttemptSteps.Deadline(j, 1, 1_000, false));
    }
    store.attempts().arm(id, 1, deadlines);
    for (int j = 0; j < 150; j++) {
      done(1, j, 1);
    }
    store
        .attempts()
        .retry(
            new AttemptSteps.Attempt(id, 1, 150, 1),
            new RetriedAttempt(150, "Fan", 1, 900, 950, "boom", 10),
            60_000);
    List<AttemptSteps.Attempt> expected = new ArrayList<>();
    for (int j = 151; j < 200; j++) {
      expected.add(new AttemptSteps.Attempt(id, 1, j, 1));
    }
    assertThat(store.attempts().expired(2_000, 10_000))
        .filteredOn(a -> a.workflowId().equals(id))
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(store.attempts().expired(2_000, 10_000))
        .as("read again: the same attempts, each once")
        .filteredOn(a -> a.workflowId().equals(id))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aWorkflowAdvancesIntoAWideEntryOnce() {
    start(List.of(job(0, "H")));
    ok(0);
    NewEntry next = new NewEntry(2, "b", wide(WIDE), null);
    assertThat(store.advance(id, 1, record("a", "b", 3000), next, false, null))
        .isEqualTo(WorkflowSteps.Advanced.ADVANCED);
    assertThat(store.advance(id, 1, record("a", "b", 3000), next, false, null))
        .as("a repeat of the move")
        .isEqualTo(WorkflowSteps.Advanced.ALREADY_MOVED);
    List<JobRecord> jobs = store.jobs(id, 2);
    assertThat(jobs).hasSize(WIDE).allMatch(j -> j.status() == JobStatus.READY);
    assertThat(jobs.get(WIDE - 1).spec().payload().asInt()).isEqualTo(WIDE - 1);
    assertThat(done(2, WIDE - 1, 1).outcome()).isEqualTo(Completion.Outcome.RECORDED);
    assertThat(store.entry(id, 2).orElseThrow().closed()).isFalse();
  }
}
