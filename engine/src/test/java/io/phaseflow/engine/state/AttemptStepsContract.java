package io.phaseflow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.state.AttemptSteps.Attempt;
import io.phaseflow.engine.state.AttemptSteps.Deadline;
import io.phaseflow.handlers.JobResult;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every backend's {@link AttemptSteps} must do (run by both backends through {@link
 * WorkflowStepsContract}). Times are given, not waited for; lists are read for this test's workflow
 * only, as other tests may share the store.
 */
abstract class AttemptStepsContract extends FanoutStepsContract {
  private static final long T = 1_000_000;

  private AttemptSteps attempts() {
    return store.attempts();
  }

  private Attempt attempt(int job, int n) {
    return new Attempt(id, 1, job, n);
  }

  private static RetriedAttempt failed(int attempt, long delay) {
    return new RetriedAttempt(0, "H0", attempt, T - 500, T, "timed out after 1s", delay);
  }

  private List<Attempt> expired(long now) {
    return attempts().expired(now, 1000).stream().filter(a -> a.workflowId().equals(id)).toList();
  }

  private List<Attempt> due(long now) {
    return attempts().due(now, 1000).stream().filter(a -> a.workflowId().equals(id)).toList();
  }

  @Test
  void anArmedAttemptExpiresAtItsDeadlineAndEndingItRemovesTheDeadline() {
    start(List.of(job(0, "H"), job(1, "H")));
    attempts().arm(id, 1, List.of(new Deadline(0, 1, T + 100), new Deadline(1, 1, T + 200)));

    assertThat(expired(T + 99)).isEmpty();
    assertThat(expired(T + 100)).containsExactly(attempt(0, 1));
    assertThat(expired(T + 500)).containsExactly(attempt(0, 1), attempt(1, 1));

    ok(0);
    assertThat(expired(T + 500)).containsExactly(attempt(1, 1));
  }

  @Test
  void armSkipsAttemptsThatAreNotCurrent() {
    start(List.of(job(0, "H"), job(1, "H", 0)));
    attempts()
        .arm(
            id,
            1,
            List.of(
                new Deadline(0, 2, T), // not its attempt
                new Deadline(1, 1, T))); // waiting, not dispatched
    assertThat(expired(T)).isEmpty();
  }

  @Test
  void aLateResultAfterATimeoutIsRejectedAsStale() {
    start(List.of(job(0, "H")));
    attempts().arm(id, 1, List.of(new Deadline(0, 1, T)));

    assertThat(attempts().retry(attempt(0, 1), failed(1, 1000), T + 1000))
        .isEqualTo(WorkflowSteps.Retried.RETRIED);
    assertThat(expired(T + 10_000)).as("the timed-out attempt's deadline is gone").isEmpty();

    Completion late =
        store.complete(
            id, 1, 0, 1, JobResult.success(JsonNodeFactory.instance.numberNode(1)), "j", T);
    assertThat(late.outcome()).isEqualTo(Completion.Outcome.STALE);
    JobRecord job = store.job(id, 1, 0).orElseThrow();
    assertThat(job.status()).isEqualTo(JobStatus.READY);
    assertThat(job.attempt()).isEqualTo(2);
  }

  @Test
  void aRetryWaitsInTheDueSetUntilItsBackoffEndsAndIsReleasedOnce() {
    start(List.of(job(0, "H")));
    attempts().arm(id, 1, List.of(new Deadline(0, 1, T)));
    attempts().retry(attempt(0, 1), failed(1, 1000), T + 1000);

    assertThat(due(T + 999)).isEmpty();
    assertThat(attempts().release(attempt(0, 2), T + 999, T + 5000)).as("not due yet").isFalse();
    assertThat(due(T + 1000)).containsExactly(attempt(0, 2));

    assertThat(attempts().release(attempt(0, 2), T + 1000, T + 5000)).isTrue();
    assertThat(attempts().release(attempt(0, 2), T + 1000, T + 5000)).as("a repeat").isFalse();
    assertThat(due(T + 10_000)).isEmpty();
    assertThat(expired(T + 4999)).isEmpty();
    assertThat(expired(T + 5000))
        .as("the released attempt's deadline")
        .containsExactly(attempt(0, 2));
  }

  @Test
  void aRetryDueWhileThePauseLastsIsHeldAndTheResumeReleasesIt() {
    start(List.of(job(0, "H")));
    attempts().arm(id, 1, List.of(new Deadline(0, 1, T)));
    attempts().retry(attempt(0, 1), failed(1, 1000), T + 1000);
    act(ControlAction.PAUSE, 1);

    assertThat(attempts().release(attempt(0, 2), T + 1000, T + 5000))
        .as("no job is dispatched while paused")
        .isFalse();
    assertThat(due(T + 10_000)).as("held, not left due for every pass").isEmpty();
    assertThat(expired(T + 10_000)).as("no deadline for a job that is not running").isEmpty();

    assertThat(act(ControlAction.RESUME, 1).released())
        .extracting(j -> j.spec().index(), JobRecord::attempt)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 2));
  }

  @Test
  void aHeartbeatMovesOnlyTheCurrentAttemptsDeadline() {
    start(List.of(job(0, "H")));
    attempts().arm(id, 1, List.of(new Deadline(0, 1, T)));

    assertThat(attempts().heartbeat(attempt(0, 1), T + 3000)).isTrue();
    assertThat(expired(T + 2999)).isEmpty();
    assertThat(expired(T + 3000)).containsExactly(attempt(0, 1));

    assertThat(attempts().heartbeat(attempt(0, 2), T + 9000)).as("not its attempt").isFalse();
    ok(0);
    assertThat(attempts().heartbeat(attempt(0, 1), T + 9000)).as("ended").isFalse();
    assertThat(expired(T + 10_000)).isEmpty();
  }

  @Test
  void twoWatchdogsRacingOnOneExpiryActOnce() throws Exception {
    start(List.of(job(0, "H")));
    attempts().arm(id, 1, List.of(new Deadline(0, 1, T)));

    List<WorkflowSteps.Retried> retried =
        race(() -> attempts().retry(attempt(0, 1), failed(1, 0), T));
    assertThat(retried).filteredOn(r -> r == WorkflowSteps.Retried.RETRIED).hasSize(1);

    List<Boolean> released = race(() -> attempts().release(attempt(0, 2), T, T + 100));
    assertThat(released).filteredOn(r -> r).hasSize(1);
    assertThat(store.job(id, 1, 0).orElseThrow().attempt()).isEqualTo(2);
  }

  @Test
  void aTimedOutLastAttemptFailsItsJobAndALateSuccessChangesNothing() {
    start(List.of(job(0, "H")));
    attempts().arm(id, 1, List.of(new Deadline(0, 1, T)));

    Completion timedOut =
        store.complete(
            id, 1, 0, 1, JobResult.failure("timed out after 1s (attempt 1 of 1)", false), "j", T);
    assertThat(timedOut.outcome()).isEqualTo(Completion.Outcome.RECORDED);
    assertThat(timedOut.entryClosed()).isTrue();
    assertThat(expired(T + 10_000)).isEmpty();

    Completion late =
        store.complete(
            id, 1, 0, 1, JobResult.success(JsonNodeFactory.instance.numberNode(1)), "j", T);
    assertThat(late.outcome()).isNotEqualTo(Completion.Outcome.RECORDED);
    assertThat(store.job(id, 1, 0).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
  }

  @Test
  void retriedAttemptsAreKeptWithTheirErrorAndDelayInTheJobAndEntryRecords() {
    start(List.of(job(0, "H"), job(1, "H")));
    attempts().retry(attempt(0, 1), failed(1, 1000), T + 1000);
    attempts().release(attempt(0, 2), T + 1000, T + 2000);
    RetriedAttempt second = new RetriedAttempt(0, "H0", 2, 0, T + 1500, "Boom: disk", 2000);
    attempts().retry(attempt(0, 2), second, T + 3500);
    attempts().retry(attempt(0, 2), failed(2, 9), T); // a repeat: not kept twice

    assertThat(store.job(id, 1, 0).orElseThrow().retried())
        .containsExactly(failed(1, 1000), second);
    JobRecord job = store.jobs(id, 1).get(0);
    assertThat(job.attempt()).isEqualTo(3);
    assertThat(job.retried()).containsExactly(failed(1, 1000), second);
    assertThat(store.jobs(id, 1).get(1).retried()).as("a job never retried").isEmpty();
    assertThat(store.entry(id, 1).orElseThrow().retried()).containsExactly(failed(1, 1000), second);
  }

  @Test
  void anOwedEntryIsDueAtItsTimeAndSettledByExactlyOneOfManyRacers() throws Exception {
    start(List.of(job(0, "H")));
    Attempt owed = Attempt.owed(id, 1);
    attempts().owe(owed, T + 10_000);

    assertThat(due(T + 9_999)).isEmpty();
    assertThat(due(T + 10_000)).containsExactly(owed);
    assertThat(due(T + 10_000).get(0).isOwed()).isTrue();
    assertThat(race(() -> attempts().settle(owed))).containsOnlyOnce(true);
    assertThat(due(T + 10_000)).as("settled: nobody publishes it again").isEmpty();
  }

  @Test
  void disarmForgetsAnAttemptOfAWorkflowThatIsGone() {
    Attempt gone = new Attempt(id, 1, 0, 1);
    attempts().disarm(gone); // nothing to forget: no error
    start(List.of(job(0, "H")));
    attempts().arm(id, 1, List.of(new Deadline(0, 1, T)));
    attempts().disarm(attempt(0, 1));
    assertThat(expired(T)).isEmpty();
  }

  private static <R> List<R> race(Callable<R> step) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<R>> futures = IntStream.range(0, 8).mapToObj(i -> pool.submit(step)).toList();
      List<R> out = new java.util.ArrayList<>();
      for (Future<R> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdown();
    }
  }
}
