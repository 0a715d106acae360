package io.phaseflow.engine.state;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps on a job attempt's deadline and backoff. A dispatched attempt gets a deadline ({@link
 * #arm}); ending it removes it ({@link WorkflowSteps#complete}); a heartbeat moves it; a watchdog
 * fails or retries the attempts whose deadline passed ({@link #expired}). A retry waits in a due
 * set until its backoff ends ({@link #retry}, {@link #due}, {@link #release}). Deadlines and due
 * attempts are kept only for attempts in flight, so they are sized by running jobs. Every step is a
 * compare-and-set on the attempt, so any number of watchdogs may race on one attempt and it acts
 * once. Times are epoch ms given by the caller (its clock). Implementations are thread-safe.
 */
public interface AttemptSteps {

  /**
   * One dispatched attempt of a job: the attempt id. The attempt number is the one in the job's
   * messages ({@code Job.attempt}, {@code JobFinished.attempt}).
   */
  record Attempt(String workflowId, int entry, int job, int attempt) {
    /** The job index of an owed entry (see {@link #owe}): no job has it. */
    private static final int OWED = -1;

    /** The entry whose publications a control step owes (see {@link #owe}). */
    public static Attempt owed(String workflowId, int entry) {
      return new Attempt(workflowId, entry, OWED, 0);
    }

    /** Whether this names an owed entry rather than an attempt of a job. */
    public boolean isOwed() {
      return job == OWED;
    }

    /** How deadline and due sets name the attempt: {@code id|entry|job|attempt}. */
    public String member() {
      return workflowId + "|" + entry + "|" + job + "|" + attempt;
    }

    /** The attempt a {@link #member} names. */
    public static Attempt parse(String member) {
      String[] p = member.split("\\|");
      if (p.length != 4) {
        throw new IllegalArgumentException("not an attempt member: '" + member + "'");
      }
      return new Attempt(
          p[0], Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]));
    }

    /** The attempt after this one. */
    public Attempt next() {
      return new Attempt(workflowId, entry, job, attempt + 1);
    }
  }

  /**
   * When attempt {@code attempt} of job {@code job} of an entry must have ended.
   *
   * @param heartbeats whether the attempt's heartbeats move its deadline: a store keeps such a
   *     deadline on its own, never folded with others'
   */
  record Deadline(int job, int attempt, long at, boolean heartbeats) {
    /** A deadline kept on its own. */
    public Deadline(int job, int attempt, long at) {
      this(job, attempt, at, true);
    }
  }

  /** Sets the deadlines of dispatched attempts, each only while its attempt is current. */
  void arm(String workflowId, int entry, List<Deadline> deadlines);

  /**
   * Moves a current attempt's deadline to {@code deadline} (a heartbeat).
   *
   * @return false when the attempt has no deadline: it ended, timed out or was superseded
   */
  boolean heartbeat(Attempt attempt, long deadline);

  /** Attempts whose deadline is at or before {@code now}, at most {@code limit} per shard. */
  List<Attempt> expired(long now, int limit);

  /**
   * Makes attempt {@code failed.attempt + 1} current, compare-and-set on {@code failed}, and puts
   * it in the due set until {@code dueAt}; the failed attempt's deadline goes, and {@code what}
   * (its error, times and delay) is kept in the job's record.
   */
  WorkflowSteps.Retried retry(Attempt failed, RetriedAttempt what, long dueAt);

  /**
   * Puts a current attempt that was about to be dispatched back in the due set until {@code dueAt},
   * without a deadline: its handler's limit deferred it. It stays the same attempt (no retry is
   * counted); when it is due, {@link #release} takes it and it is dispatched again, which asks the
   * limit again.
   *
   * @return false when the attempt is not current
   */
  boolean defer(Attempt attempt, long dueAt);

  /** Attempts whose backoff ended at or before {@code now}, at most {@code limit} per shard. */
  List<Attempt> due(long now, int limit);

  /**
   * Takes a due attempt out of the due set and arms its deadline, if it is due at {@code now} and
   * current: then its job is to be dispatched (once, however many callers race).
   */
  boolean release(Attempt attempt, long now, long deadline);

  /**
   * Puts owed entry {@code owed} ({@link Attempt#owed}) in the due set until {@code dueAt}. A
   * control step (resume, redrive) makes jobs ready without a message to redeliver if its process
   * dies before publishing them, so it records first what it will owe: the process settles it after
   * publishing; if that process dies, a watchdog takes it once it is due and publishes what the
   * entry still needs.
   */
  void owe(Attempt owed, long dueAt);

  /** Takes an owed entry out of the due set: true for the one caller that took it. */
  boolean settle(Attempt owed);

  /** Forgets an attempt's deadline and due time (its workflow is gone). */
  void disarm(Attempt attempt);

  /** The attempts the members name. */
  static List<Attempt> parseAll(List<String> members) {
    List<Attempt> out = new ArrayList<>(members.size());
    members.forEach(m -> out.add(Attempt.parse(m)));
    return out;
  }
}
