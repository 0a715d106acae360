package io.phaseflow.engine.state;

import java.util.List;

/**
 * The handler limits of a namespace and the leases that enforce them (see {@link LeaseRules}). An
 * operator sets and clears limits; the engine takes a lease for each attempt of a limited handler
 * before it dispatches it and releases it when the attempt ends. A lease names its attempt ({@link
 * AttemptSteps.Attempt#member}), so taking it again for the same attempt changes nothing, and
 * expires at the attempt's deadline, so a process that dies between an attempt's end and the
 * release frees it by then. Times are epoch ms given by the caller. Implementations are
 * thread-safe.
 */
public interface HandlerLimits {

  /** Sets (or replaces) the limit on its handler's major version. */
  void set(HandlerLimit limit);

  /** Removes the limit on {@code handler} version {@code version}: false if there was none. */
  boolean clear(String handler, int version);

  /** Every limit set, ordered by handler and version. */
  List<HandlerLimit> all();

  /**
   * Takes a lease for {@code member} until {@code expiresAt}, or says when to ask again: a taken
   * lease also takes the rate limiter's slot.
   *
   * @param busyRetryAt when to ask again if every lease is held
   */
  LeaseRules.Decision take(
      HandlerLimit limit, String member, long expiresAt, long now, long busyRetryAt);

  /** Moves a held lease's expiry (its attempt's heartbeat moved its deadline). */
  void extend(HandlerLimit limit, String member, long expiresAt);

  /** Frees {@code member}'s lease, if it holds one. */
  void release(HandlerLimit limit, String member);

  /** What a limited handler has now: leases not expired, attempts waiting for one. */
  record Usage(HandlerLimit limit, int leases, int deferred) {}

  /** The usage of every limit at {@code now}. */
  List<Usage> usage(long now);
}
