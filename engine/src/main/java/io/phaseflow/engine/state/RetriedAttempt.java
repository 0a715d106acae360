package io.phaseflow.engine.state;

/**
 * An attempt of a job that failed or timed out and was tried again: kept for history and the API.
 * Only such attempts are stored, so a job that succeeds at once costs nothing more.
 *
 * @param job the job's index in its entry
 * @param name the job's name (the task, or the handler of a phase job)
 * @param attempt which attempt it was
 * @param started epoch ms it started, 0 when unknown
 * @param ended epoch ms it failed or timed out
 * @param error why
 * @param delayMillis how long the next attempt waited (its backoff)
 */
public record RetriedAttempt(
    int job, String name, int attempt, long started, long ended, String error, long delayMillis) {}
